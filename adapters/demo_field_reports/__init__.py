"""The field reports ``humas demo`` imports: one week of Polsek Belitang's work (our own)."""
