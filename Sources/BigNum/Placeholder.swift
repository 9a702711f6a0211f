// Placeholder so the target has a source until its issue lands.
