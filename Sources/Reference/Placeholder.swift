public enum ReferenceBuildPlaceholder {}
