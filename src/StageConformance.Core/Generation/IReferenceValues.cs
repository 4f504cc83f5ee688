namespace StageConformance.Generation;

/// <summary>Ids of resources the target holds (provisioned by the suite) and ids it certainly does not.</summary>
public interface IReferenceValues
{
    string Existing(string resource);

    string Missing(string resource);
}
