"""csikit._core.readers: the schema drafted from a data file."""

def draft_schema_json(
    path: str, language: str = "en", sheet: str = "", encoding: str = "", header_rows: int = 0
) -> str: ...
