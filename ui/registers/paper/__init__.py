"""In ấn: paper margins, body size and signers, with a test page. Admin edits; others view."""
