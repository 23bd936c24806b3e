"""The domain side of briefbot: one module per command, over the pure ``core``."""
