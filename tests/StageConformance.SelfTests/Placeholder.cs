namespace StageConformance.SelfTests;
