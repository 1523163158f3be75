"""Generated NAP-like PDFs with their exact expected records (see README "Samples")."""
