"""The registers every tab uses: one package per register (view + controller + dialogs)."""
