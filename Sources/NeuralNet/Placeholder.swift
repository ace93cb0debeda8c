public enum NeuralNetBuildPlaceholder {}
