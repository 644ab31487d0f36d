"""Invented news for the tests: fictional people and places, no real quotes."""

FERRY_STORY = """Portvale's council voted on Tuesday to close the old ferry terminal by June, ending 90 years of service.

The harbour was quiet on Wednesday morning. Gulls circled over the empty quay.

Council leader Tom Baker said the closure would save about $2 million a year. Harbour workers, who number about 140, will be offered jobs at the new terminal in Eastwick, he added.

Union official Mara Quist said her members would fight the plan in court."""

FERRY_DAY_ONE_COURIER = """Portvale's council voted on Tuesday to close the old ferry terminal by June.

"We will fight this plan in every court in the land," union official Mara Quist said after the vote.

Council leader Tom Baker said the closure would save about $2 million a year."""

FERRY_DAY_ONE_POST = """Portvale councillors decided on Tuesday to shut the old ferry terminal by June, ending 90 years of service.

"We will fight this plan in every court in the land," said Mara Quist, a union official.

The harbour was quiet on Tuesday evening."""

FERRY_DAY_TWO = """The ferry workers' union filed a lawsuit on Wednesday to stop the closure of Portvale's old terminal.

"We will fight this plan in every court in the land," Mara Quist repeated outside the court.

Harbour master Ilse Varga said the new terminal in Eastwick would open in May."""

FERRY_DAY_THREE = """A judge in Portvale suspended the closure of the old ferry terminal on Thursday, pending a hearing in July.

"This is a victory for every harbour worker," Mara Quist said.

Tom Baker said the council would appeal the ruling."""
