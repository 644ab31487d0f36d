"""Word lists and patterns the extractor relies on, kept in one place (textacy's habit).

All lists are lower-case lemmas or words. They describe English news writing in general; none of them
names a particular article, person or phrase of any evaluation set.
"""

import re

# Verbs that report speech or a public statement and take the statement as a clause:
# "X said (that) ...", "..., X told reporters".
SPEECH_VERBS = frozenset(
    """
    say tell add state note explain argue insist stress warn write claim announce declare respond reply
    continue acknowledge suggest recall assure confirm deny admit concede predict promise pledge vow
    report reveal emphasize emphasise contend maintain allege assert complain caution urge ask
    demand remark observe comment testify tweet post boast brag joke quip lament retort counter
    concur agree disclose indicate signal mention point underscore underline reiterate repeat
    affirm proclaim propose recommend threaten acknowledge grumble muse conclude charge accuse
    question wonder hint estimate forecast advise inform notify mutter shout yell scream whisper
    """.split()
)

# Verbs that frame a quoted fragment without taking a clause: hailed it as "a step forward",
# called the plan "a disaster". They make a statement only when a quotation hangs from them.
QUOTE_FRAMING_VERBS = frozenset(
    """
    hail call describe dub term label brand praise slam blast denounce condemn criticise criticize
    dismiss characterise characterize welcome decry lambast lambaste attack mock ridicule deride
    laud applaud commend blame quote cite refer promise vow pledge liken compare
    """.split()
)

# Verbs whose "to"-clause is the statement: urged Congress to act, vowed to fight.
DIRECTIVE_VERBS = frozenset(
    "urge ask tell call promise vow pledge threaten warn demand advise implore beg order invite".split()
)

# Particles that turn a verb into a cue: "point out", "call on", "call for".
CUE_PARTICLES = {"point": {"out"}, "call": {"on", "for"}, "lash": {"out"}, "weigh": {"in"}}

# Nouns that make "according to X" or "in a statement" part of the attribution, not the statement.
DOCUMENT_NOUNS = frozenset(
    "statement report filing interview post tweet letter memo release document survey poll study".split()
)

# A quotation right after one of these is the title of a work, not a statement.
WORK_TITLE_CUES = frozenset(
    """
    book novel film movie song album show series article op-ed column essay poem play programme program
    documentary podcast titled entitled headlined hashtag slogan motto chant banner sign campaign
    """.split()
)

PERSONAL_PRONOUNS = frozenset("he she they we i him her them us me".split())
PLURAL_PRONOUNS = frozenset("they we them us".split())
MALE_PRONOUNS = frozenset("he him his himself".split())
FEMALE_PRONOUNS = frozenset("she her hers herself".split())
RELATIVE_PRONOUNS = frozenset("who that which whom".split())
EXPLETIVES = frozenset("it there this that what which".split())

# Honorifics and office words that belong to a title, not to a name.
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady".split())
MALE_HONORIFICS = frozenset("mr mr. sir lord".split())
FEMALE_HONORIFICS = frozenset("mrs mrs. ms ms. miss dame lady".split())
OFFICE_WORDS = frozenset(
    """
    president vice prime minister secretary chancellor senator sen. sen representative rep. rep
    congressman congresswoman governor gov. gov mayor judge justice general gen. gen admiral adm.
    colonel col. lieutenant lt. sergeant sgt. captain capt. commander chief speaker leader chairman
    chairwoman chair spokesman spokeswoman spokesperson ambassador envoy king queen prince princess pope
    attorney director minister premier commissioner sheriff officer deputy former acting candidate
    nominee pastor rev. rev reverend bishop cardinal professor prof. dean ceo founder
    """.split()
)

# Common English first names by the gender they usually mark, used only to choose between "he" and "she"
# antecedents; a name in neither list fits both.
MALE_FIRST_NAMES = frozenset(
    """
    james john robert michael william david richard joseph thomas charles christopher daniel matthew
    anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
    jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
    gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas
    zachary peter kyle ethan walter noah jeremy christian keith roger terry gerald harold sean austin
    carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel logan albert willie alan juan
    wayne elijah randy roy vincent ralph eugene russell bobby mason philip louis bernie mitch chuck
    mike bill jim tom bob ted rand marco barack vladimir volodymyr emmanuel boris olaf keir rishi
    benjamin bibi xi narendra recep viktor jd joe kamala hakeem newt rudy reince sean steve jeb ben
    chris tim dick al
    """.split()
)
FEMALE_FIRST_NAMES = frozenset(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret
    sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca
    sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
    katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce
    virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline
    martha gloria teresa ann sara madison frances kathryn janice jean abigail alice julia judy sophia
    grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte
    marie kayla alexis lori hillary kamala chelsea ivanka melania michelle nikki condoleezza ursula
    angela theresa giorgia kaja annalena liz kellyanne sarah elizabeth jill tulsi alexandria nancy
    """.split()
)

# Words that open a sentence-initial "Name: statement" attribution only when they are not a label.
NOT_SPEAKER_LABELS = frozenset(
    "update note photo video editor correction watch read related listen source sources see".split()
)

# Verbs whose sentence describes a state rather than reports an event.
DESCRIBING_LEMMAS = frozenset("be seem appear remain look feel".split())
# Where a long sentence may be cut without breaking a phrase.
CLAUSE_BOUNDARIES = (", ", "; ", " — ", " – ")

# Nouns that only measure something else: "$90 billion worth of [US weapons]".
MEASURE_NOUNS = frozenset("worth amount total sum value cost share portion fraction number majority".split())

RE_MARKUP_TAG = re.compile(r"<[a-zA-Z!/][^<>]{0,2000}>")
RE_SCRIPT_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
RE_DATE_EVIDENCE = re.compile(
    r"\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tonight|"
    r"yesterday|tomorrow|week|month|year|decade|centur|spring|summer|autumn|fall|winter|morning|evening|"
    r"night|afternoon|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)",
    re.IGNORECASE,
)
RE_DURATION_UNIT = re.compile(r"\b(year|month|week|day|hour|minute|decade|centur)", re.IGNORECASE)
RE_WORD = re.compile(r"[A-Za-z]")
