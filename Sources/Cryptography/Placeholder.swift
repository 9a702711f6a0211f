// Placeholder so the target has a source; replaced as the target grows.
