"""The model: aggregates, their events, value types and the rules that decide. Pure: no store."""
