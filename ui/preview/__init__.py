"""Print preview: every "In" button shows its Printout here before it reaches a printer."""

from ui.preview.dialog import PreviewDialog, show_printout
from ui.preview.runner import PrintRunner

__all__ = ["PreviewDialog", "PrintRunner", "show_printout"]
