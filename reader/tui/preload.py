"""Load the MT model in the background as soon as the reader starts (imports nothing heavy:
the getter imports reader.translate in the thread).

Loading CTranslate2 and an 80 MB model takes about a second; the reader starts it while the
article is still being annotated, so the first screen's sentences go to a model that is
already loaded, with the translation cache already open. Errors are left to the
translation itself, which reports them (the getter and the load run again there and raise
the same error).
"""

from __future__ import annotations

import threading
from collections.abc import Callable


def preload_model(
    get_translator: Callable[[], object], open_cache: Callable[[], object]
) -> threading.Thread:
    """Call ``get_translator()`` and its ``load()`` (if it has one) in a new thread, then
    ``open_cache()`` (with a model; glossing uses no cache).

    Not a daemon: quitting while the model loads waits for the load to end rather than
    tearing CTranslate2 down mid-load.
    """

    def run() -> None:
        try:
            translator = get_translator()
            load = getattr(translator, "load", None)
            if callable(load):
                load()
            if translator is not None:
                open_cache()
        except Exception:  # noqa: BLE001 - the translation worker reports it
            return

    thread = threading.Thread(target=run, name="reader-model-load")
    thread.start()
    return thread
