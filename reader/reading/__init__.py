"""The reader's interactive state beyond the Session core: search, look-up data, reading
positions. No Textual here (the TUI is a thin view of these)."""
