using NUnit.Framework;
using StageConformance.Infrastructure;

namespace StageConformance.SelfTests.Infrastructure;

/// <summary>Tests that read the source documents skip with the reason in a clone on its own, and fail where CI requires the documents.</summary>
public sealed class SourceDocumentsTests
{
    private static readonly string Absent = Path.Combine(Path.GetTempPath(), "stageconf-no-shared-" + Guid.NewGuid().ToString("N"), "seeds");

    [Test]
    public void Absent_documents_skip_the_test_and_say_why()
    {
        var skipped = Assert.Throws<IgnoreException>(() => SourceDocuments.Require(Absent, required: null));

        Assert.That(skipped!.Message, Does.StartWith("not run: the source documents are not at " + Absent));
    }

    [TestCase("1")]
    [TestCase("true")]
    public void Absent_documents_fail_the_test_where_they_are_required(string required)
    {
        var failed = Assert.Throws<AssertionException>(() => SourceDocuments.Require(Absent, required));

        Assert.That(failed!.Message, Does.Contain(SourceDocuments.RequireVariable + "=" + required));
    }

    [Test]
    public void Present_documents_are_read()
    {
        Assert.That(SourceDocuments.Require(RepositoryPaths.Schemas, required: "1"), Is.EqualTo(RepositoryPaths.Schemas));
    }

    [Test]
    public void The_ci_script_requires_the_documents()
    {
        Assert.That(File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".ci", "run")), Does.Contain($"export {SourceDocuments.RequireVariable}=1"));
    }
}
