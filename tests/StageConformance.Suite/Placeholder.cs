namespace StageConformance.Suite;
