"""Vietnamese text: the one module (vi) every layer uses for NFC, case, folding and dates."""
