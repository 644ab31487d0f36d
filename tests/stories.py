"""Invented news for the tests: fictional people and places, no real quotes."""

FERRY_STORY = """Portvale's council voted on Tuesday to close the old ferry terminal by June, ending 90 years of service.

The harbour was quiet on Wednesday morning. Gulls circled over the empty quay.

Council leader Tom Baker said the closure would save about $2 million a year. Harbour workers, who number about 140, will be offered jobs at the new terminal in Eastwick, he added.

Union official Mara Quist said her members would fight the plan in court."""
