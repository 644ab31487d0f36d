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

# Verbs that attribute a development to its source at the end of a sentence: "…, the agency said".
ATTRIBUTION_VERBS = frozenset("say said tell told add confirm announce".split())

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
RE_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
RE_PUNCTUATION_RUN = re.compile(r"([^\w\s])\1{15,}")
RE_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
RE_SCRIPT_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
RE_DATE_EVIDENCE = re.compile(
    r"\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tonight|"
    r"yesterday|tomorrow|week|month|year|decade|centur|spring|summer|autumn|fall|winter|morning|evening|"
    r"night|afternoon|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)",
    re.IGNORECASE,
)
RE_DURATION_UNIT = re.compile(r"\b(year|month|week|day|hour|minute|decade|centur)", re.IGNORECASE)
RE_WORD = re.compile(r"[A-Za-z]")

# --- Comparing developments (nlp/development_features.py, nlp/evidence.py) -------------------------------------
# Event words are written as lemmas; the comparison stems them with the same function it applies to texts.

# Words that carry no event, actor or figure: left out of the words two developments are compared on.
COMPARISON_STOPWORDS = frozenset(
    """
    a an the of to in on at for by with from into onto about as and or but nor so than then that this these
    those it its they them their he him his she her we our us i you your who whom whose which what when
    where while is are was were be been being am has have had having do does did will would shall should
    can could may might must also just only still yet already so-called some any all each every both either
    neither other another such there here after before during since until till over under between against
    among amid across through per via including according officials official says said say saying told
    tells tell set due expected likely new more most less least very well now today yesterday tomorrow
    worth far executive company firm government country
    """.split()
)

# Words that deny the event word right after them: "did not sign", "never visited".
NEGATORS = frozenset("not n't no never without neither nor".split())

# Verbs that report an event as not happening, and stand for it when no event word follows:
# "refused to join" is joining, denied; "cancelled her visit" is a visit, called off; "voted against
# lowering" is lowering, opposed.
NEGATING_VERBS = {
    "refuse": "refuse", "decline": "refuse", "reject": "refuse", "rebuff": "refuse", "veto": "refuse",
    "turn down": "refuse", "rule out": "refuse", "vote down": "refuse", "block": "refuse", "resist": "refuse",
    "deny": "deny", "dispute claim": "deny", "dispute account": "deny", "reject claim": "deny",
    "reject allegation": "deny", "reject accusation": "deny", "reject report": "deny", "dismiss claim": "deny",
    "cancel": "cancel", "call off": "cancel", "abandon": "cancel", "scrap": "abolish", "drop": "cancel",
    "ditch": "cancel", "back out": "cancel", "walk away from": "cancel", "pull plug on": "cancel",
    "cancellation": "cancel",
    "fail": "fail", "postpone": "delay", "delay": "delay", "defer": "delay", "put off": "delay",
    "shelve": "delay", "push back": "delay",
    "against": "oppose", "oppose": "oppose",
}

# Kinds of the verbs above that say, even with no event word after them, that something did not happen or was
# refused: "rejected claims that its warplanes violated the airspace". (Not "cancel" or "abolish": "scrapped
# tuition fees" reports an event of its own.)
DENYING_KINDS = frozenset("deny refuse fail".split())

# How many words may stand between a negating word and the event word it denies
# ("denied that Caspenian troops had crossed").
NEGATION_REACH = 5
# How far back a passive denial reaches its subject, over the words naming it ("The proposed tie-up between Osric
# Broadcasting and Lantern Media has been abandoned").
PASSIVE_DENIAL_REACH = 2 * NEGATION_REACH
# Prepositions that deny only what follows them closely ("left without signing", "voted against lowering"),
# not the sentence's main verb ("Even without their striker, Valmont won"; "the case against Orbita was
# settled").
CLOSE_NEGATORS = frozenset({"without", "against"})
CLOSE_NEGATION_REACH = 1

# Event words (verbs and their nouns, comma-separated; a phrase is one entry, articles inside it are
# skipped) by the kind of event they report, grouped by the part of the news they come from. A word may
# report several kinds ("approve": agreeing, and passing a law). Two developments whose event words share no
# kind are probably different events; kinds in EVENT_OPPOSITES contradict each other. Speech and framing
# verbs ("said", "announced") are not here: outlets add or drop them freely. Phrasal and light verbs are
# entered whole ("go up", "take the oath"): the longest phrase wins over its first word.
EVENT_KINDS = {
    # Proposals, agreements, deals and diplomacy
    "propose": "propose, proposal, offer, suggest, float, put forward, table, bid",
    "agree": "agree, agreement, accept, consent, approve, approval, back, endorse, endorsement, sign off, "
    "authorise, authorize, authorisation, license, green light, greenlight, go-ahead, give go-ahead, allow, "
    "permit, admit, welcome, legalise, legalize, clear way, bow to",
    "sign": "sign, seal, ink, conclude, finalise, finalize, ratify, ratification, reach agreement, reach deal, "
    "reach accord, strike deal, clinch, accord, pact, treaty, pen to paper, put signature to",
    "meet": "meet, meeting, talks, hold talks, hold meeting, host, summit, confer, negotiate, negotiation, sit down",
    "visit": "visit, travel, trip, tour, attend, attendance, go to, fly to, arrive, arrival",
    "attend": "attend, attendance, take part, participate, participation, turn up, show up",
    "boycott": "boycott, skip, snub, shun, stay away, sit out",
    "recall": "recall, summon home, call home, bring home, call back, callback, call-back, pull from shelves",
    "expel": "expel, expulsion, deport, deportation, kick out, throw out, order out, persona non grata",
    "sever": "sever, cut ties, break off, suspend ties, downgrade",
    "recognise": "recognise, recognize, recognition, normalise, normalize",
    "sanction": "sanction, embargo, blacklist",
    "threaten": "threaten, threat, warn, warning, ultimatum",
    "promise": "promise, pledge, vow, commit",
    "plan": "plan, intend, aim, set to, seek, prepare, consider, mull, weigh, eye",
    "request": "request, apply, application, ask for, call for, call on, urge, demand, file for",
    "complete": "complete, completion, close deal, close takeover, close acquisition",
    "effect": "take effect, come into force, come into effect, enter into force, go into effect, kick in",
    "confirm": "confirm",
    "support": "support, in support, in favour, in favor, backing, throw weight behind",
    "condemn": "condemn, condemnation, criticise, criticize, criticism, denounce, slam, rebuke, censure",
    "praise": "praise, hail, commend",
    "apologise": "apologise, apologize, apology",
    # Elections, offices and appointments
    "elect": "elect, re-elect, re-election, win, victory, beat, defeat, triumph, landslide, sweep, scoop, bag, "
    "take home, take top prize, vote in, name winner, take gold, win gold, claim gold, take title, claim title, "
    "ease past, cruise past, sweep past",
    "lose": "lose, concede, concede defeat, suffer defeat, go down, knocked out, fall short, admit defeat, admit loss",
    "survive": "survive, withstand, beat back, see off",
    "run": "stand for, run for, candidacy, candidate",
    "appoint": "appoint, appointment, name, nominate, nomination, promote, promotion, hire, install, choose, "
    "pick, swear in, take oath, take office, assume office, inaugurate, inauguration, take over as",
    "dismiss": "dismiss, dismissal, sack, fire, oust, ouster, remove, removal, depose, topple, overthrow, "
    "impeach, impeachment, force out, relieve, show door, part ways",
    "resign": "resign, resignation, step down, stand down, step aside, quit, leave, leave office, leave post, bow out, "
    "retire, retirement",
    "extend": "extend, extension, renew, renewal, stay on, remain in office, reappoint",
    # Laws and votes
    "vote": "vote, referendum, ballot, no confidence",
    "pass": "pass, adopt, enact, approve, approval, vote through, push through, sign into law, become law, legalise, "
    "legalize",
    "amend": "amend, amendment, revise, overhaul, reform",
    "join": "join, accede, accession, admit, membership",
    "leave": "leave, exit, quit, pull out of, secede, withdraw, withdrawal",
    # Courts and police
    "charge": "charge, indict, indictment, prosecute, prosecution, sue, lawsuit, accuse, bring charges",
    "convict": "convict, conviction, find guilty, guilty verdict",
    "sentence": "sentence, jail, imprison, imprisonment, prison term",
    "custody": "behind bars, in custody, in prison, in jail",
    "acquit": "acquit, acquittal, clear, exonerate, find not guilty",
    "overturn": "overturn, strike down, quash, annul, invalidate, rule unconstitutional, rule unlawful, reverse, "
    "void",
    "uphold": "uphold, affirm, dismiss appeal",
    "appeal": "appeal",
    "investigate": "investigate, investigation, probe, inquiry, examine, quiz, grill, interrogate",
    "arrest": "arrest, detain, detention, take into custody, round up, hold in custody, nab",
    "release": "release, free, set free, let go, bail, parole",
    "pardon": "pardon, amnesty, commute",
    "settle": "settle, settlement",
    "plead": "plead guilty, admit guilt",
    "escape": "escape, break out, jailbreak, abscond",
    "fine": "fine, penalty, penalise, penalize",
    "dope": "fail test, fail drug test, fail doping test, test positive, positive test",
    # Money, markets and prices
    "buy": "buy, purchase, acquire, acquisition, takeover, take over, order, snap up",
    "sell": "sell, sale, divest, offload, dispose",
    "merge": "merge, merger, combine, tie-up",
    "invest": "invest, investment, inject, pour, spend",
    "receive": "receive, get, obtain, take delivery",
    "deliver": "deliver, delivery, supply, ship, hand over, extradite, extradition",
    "give": "give, grant, donate, pledge, award",
    "lend": "lend, loan",
    "borrow": "borrow",
    "repay": "repay, pay back",
    "pay": "pay, payment, pay out, spend",
    "raise": "raise, increase, hike, lift, boost, rise, jump, climb, soar, surge, grow, growth, expand, "
    "expansion, go up, push up, put up, mark up, rebound, gain, spike, double, triple, accelerate, pick up, widen",
    "lower": "lower, cut, reduce, reduction, slash, trim, axe, shed, fall, drop, decline, slow, shrink, narrow, "
    "plunge, slump, ease, contract, contraction, dip, slide, sink, tumble, decrease, go down, bring down, "
    "halve, slip, lay off, layoff, redundancy, job cuts",
    "hold": "keep, hold, leave unchanged, unchanged, maintain, freeze, hold steady, keep on hold",
    "impose": "impose, introduce, levy, slap",
    "abolish": "abolish, scrap, eliminate, remove, repeal",
    "devalue": "devalue, devaluation",
    "cap": "cap",
    "profit": "profit, earnings",
    "loss": "loss",
    "default": "default, bankrupt, bankruptcy, insolvency, insolvent, go bust, go under, collapse",
    "need": "need",
    # Armed conflict
    "attack": "attack, strike, shell, shelling, bomb, bombing, bombard, raid, invade, invasion, airstrike, "
    "fire on, open fire, shoot, assault, offensive",
    "capture": "capture, seize, take control, overrun, occupy, occupation, retake, recapture, conquer",
    "advance": "advance, push forward, push into, move into, march into, gain ground, cross, enter",
    "withdraw": "withdraw, withdrawal, pull out, pull back, retreat, fall back, draw down, drawdown, lose control",
    "deploy": "deploy, deployment, send, dispatch, mobilise, mobilize, reinforce",
    "ceasefire": "ceasefire, truce, armistice",
    "test": "test, test-fire",
    "launch": "launch, fire, lift off, blast off, test-fire",
    "intercept": "intercept, shoot down",
    # Disasters, weather and health
    "kill": "kill, death, die, dead, perish, drown, fatality, claim lives, gun down, shoot dead",
    "abduct": "abduct, abduction, kidnap, take hostage",
    "crash": "crash, collide, collision, derail, derailment, capsize, run aground, explode, explosion, blow up",
    "injure": "injure, injury, wound, hurt",
    "evacuate": "evacuate, evacuation, displace, flee, move out, relocate",
    "rescue": "rescue, save",
    "outage": "power cut, blackout, outage, lose power, lose electricity, without power, without electricity, "
    "knock out power, knock offline, take down, offline",
    "restore": "restore, reinstate, reconnect, re-establish, reestablish",
    "vaccinate": "vaccinate, vaccination, immunise, immunize, inoculate",
    # Places, plants and services
    "record": "record low, record high, all-time low, all-time high, break record, smash record, set record, "
    "world record, record time, global best, world best",
    "build": "build, construct, construction",
    "open": "open, reopen, reopening, inaugurate",
    "close": "close, closure, shut, shutdown, shut down, cut off, seal off, shutter, take offline, offline, "
    "switch off, shut off, turn off",
    "start": "start, begin, resume, launch, kick off",
    "end": "end, halt, stop, suspend, suspension, collapse, break down, wind up, fall apart, declare over",
    "ban": "ban, bar, prohibit, prohibition, forbid, outlaw, disqualify, disqualification",
    "unban": "lift ban, lift sanctions, lift embargo, lift curfew, lift restrictions, end ban, end prohibition, "
    "scrap ban, drop ban, remove ban",
    # Protest and labour
    "strike": "strike, walkout, walk out, stoppage, down tools, industrial action",
    "protest": "protest, demonstrate, demonstration, march, rally, take to streets, picket, sit-in, block road, "
    "block motorway, block highway, barricade",
    "disperse": "disperse, break up, crack down, crackdown, tear gas",
}

# Each kind of event, and the kinds that cannot be true of the same event as it (read both ways).
EVENT_OPPOSITES = {
    "propose": "sign",
    "agree": "refuse oppose end",
    "sign": "refuse",
    "attend": "boycott",
    "visit": "boycott cancel",
    "meet": "boycott",
    "sever": "restore recognise",
    "support": "oppose",
    "condemn": "praise",
    "elect": "lose",
    "survive": "resign lose",
    "appoint": "resign dismiss",
    "extend": "resign dismiss",
    "pass": "refuse oppose",
    "join": "leave refuse",
    "arrest": "release escape",
    "abduct": "release",
    "convict": "acquit",
    "sentence": "acquit",
    "overturn": "uphold pass",
    "buy": "sell receive",
    "lend": "repay",
    "raise": "lower hold abolish",
    "lower": "hold",
    "abolish": "impose",
    "profit": "loss",
    "need": "deliver",
    "advance": "withdraw",
    "capture": "withdraw release",
    "deploy": "withdraw",
    "test": "intercept",
    "kill": "injure",
    "outage": "restore",
    "open": "close delay",
    "build": "close",
    "start": "end delay",
    "end": "restore",
    "ban": "unban",
    "deny": "confirm",
    "threaten": "close ban",
    "strike": "cancel",
    "vote": "delay",
}

# Kinds of event that come before others in one story, as separate developments: a law proposed, then passed;
# a man arrested, charged, then convicted or acquitted; a candidacy, then the election.
EVENT_STAGES = {
    "propose": "pass complete effect",
    "agree": "complete effect",
    "sign": "effect",
    "pass": "effect",
    "investigate": "charge convict acquit",
    "arrest": "charge convict acquit sentence",
    "charge": "convict acquit sentence",
    "convict": "sentence appeal overturn",
    "sentence": "appeal overturn",
    "fine": "appeal overturn",
    "ban": "overturn",
    "record": "overturn",
    "elect": "overturn",
    "run": "elect",
    "vote": "start",
    "request": "agree give lend pass",
}

# Pairs of event kinds that cannot both be true of one event: opposed, or stages of one story.
OPPOSED_EVENT_KINDS = frozenset(
    frozenset((kind, other))
    for table in (EVENT_OPPOSITES, EVENT_STAGES)
    for kind, others in table.items()
    for other in others.split()
)

# Several event words side by side are one action: "hold talks", "take the oath", "sign into law".
MAX_EVENT_PHRASE_WORDS = 3

# Irregular forms of the verbs above, so "bought" is "buy" without a lemmatiser.
IRREGULAR_VERBS = {
    "bought": "buy", "sold": "sell", "got": "get", "gotten": "get", "gave": "give", "given": "give",
    "sued": "sue", "suing": "sue", "found": "find", "shown": "show",
    "lent": "lend", "paid": "pay", "repaid": "repay", "spent": "spend", "met": "meet", "held": "hold", "kept": "keep",
    "left": "leave", "won": "win", "lost": "lose", "rose": "rise", "risen": "rise", "fell": "fall",
    "fallen": "fall", "took": "take", "taken": "take", "sent": "send", "struck": "strike", "froze": "freeze",
    "frozen": "freeze", "began": "begin", "begun": "begin", "broke": "break", "broken": "break",
    "shot": "shoot", "drew": "draw", "withdrew": "withdraw", "withdrawn": "withdraw", "fled": "flee",
    "hurt": "hurt", "cut": "cut", "quit": "quit", "shut": "shut", "put": "put", "brought": "bring",
    "overtook": "overtake", "undertook": "undertake", "forbade": "forbid", "forbidden": "forbid",
    "built": "build", "drove": "drive", "driven": "drive", "flew": "fly", "flown": "fly", "grew": "grow",
    "grown": "grow", "hit": "hit", "led": "lead", "ran": "run", "rang": "ring", "saw": "see", "seen": "see",
    "sank": "sink", "sunk": "sink", "sped": "speed", "stood": "stand", "swore": "swear", "sworn": "swear",
    "threw": "throw", "thrown": "throw", "went": "go", "gone": "go", "wrote": "write", "written": "write",
    "died": "die", "dying": "die", "beaten": "beat", "fought": "fight", "sought": "seek", "caught": "catch",
    "made": "make", "came": "come", "became": "become", "chose": "choose", "chosen": "choose",
    "upheld": "uphold", "overthrew": "overthrow", "overthrown": "overthrow", "withheld": "withhold",
    "slid": "slide", "dealt": "deal", "blew": "blow", "blown": "blow", "shook": "shake", "shaken": "shake",
    "bid": "bid", "laid": "lay", "let": "let", "spread": "spread", "underwent": "undergo",
}

# Capitals and short forms that name the same actor as a country in news writing ("Kyiv offered", "the US").
PLACE_ALIASES = {
    "kyiv": "ukraine", "kiev": "ukraine", "ukrainian": "ukraine", "moscow": "russia", "kremlin": "russia",
    "russian": "russia", "washington": "united states", "white house": "united states",
    "us": "united states", "u.s.": "united states", "usa": "united states", "america": "united states",
    "american": "united states", "london": "united kingdom", "uk": "united kingdom", "britain": "united kingdom",
    "british": "united kingdom", "paris": "france", "french": "france", "berlin": "germany",
    "german": "germany", "beijing": "china", "chinese": "china", "brussels": "european union",
    "eu": "european union", "tokyo": "japan", "japanese": "japan", "ankara": "turkey", "turkish": "turkey",
}

# Last words of an organisation's name ("Brightwell Energy"): the first word, not this one, names it alone.
ORGANISATION_HEAD_WORDS = frozenset(
    """
    bank council union federation service authority agency ministry department court police party group
    company corporation corp inc ltd plc motors rail railways airlines airways energy association committee
    commission league alliance organisation organization fund institute university hospital army navy
    foundation network media news holdings industries bureau office
    """.split()
)

# Words before a figure that hedge it without changing it: "about $90bn", "some 2,000".
FIGURE_HEDGES = frozenset(
    """
    about around some roughly approximately nearly almost over under more than less fewer at least most
    up to an estimated estimated just only a an close to well below above
    """.split()
)

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "half": 0.5,
}

# Ordinals as words, read as their number: "twelfth member" is "12th member".
ORDINAL_WORDS = {
    word: number
    for number, word in enumerate(
        """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth
        fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth""".split(),
        start=1,
    )
}
QUARTER_WORDS = frozenset({"quarter", "q"})

# Multipliers written after a number, as words or abbreviations: "$1.2bn", "90 billion", "500k".
NUMBER_SCALES = {
    "dozen": 12, "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}

CURRENCIES = {
    "$": "usd", "us$": "usd", "dollar": "usd", "dollars": "usd", "usd": "usd", "€": "eur", "euro": "eur",
    "euros": "eur", "eur": "eur", "£": "gbp", "pound": "gbp", "pounds": "gbp", "sterling": "gbp",
    "gbp": "gbp", "¥": "jpy", "yen": "jpy", "yuan": "cny", "renminbi": "cny", "rouble": "rub",
    "roubles": "rub", "ruble": "rub", "rubles": "rub", "hryvnia": "uah", "hryvnias": "uah",
}

PERCENT_WORDS = ("%", "per cent", "percent", "pc")
PERCENTAGE_POINT_WORDS = ("percentage point", "percentage-point", "point", "points", "pp")
FRACTION_WORDS = {"third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
MAX_FRACTION_NUMERATOR = 3
"""More would be periods ("four quarters"), not a share."""

# A duration's unit in hours, keyed by the start of its word ("48-hour", "two weeks", "14 days").
DURATION_HOURS = {"minute": 1 / 60, "hour": 1, "day": 24, "week": 168, "month": 730, "year": 8760, "decade": 87600}

WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = (
    "january february march april may june july august september october november december".split()
)
# Dates said relative to the day of writing: "next week" and "last week" are different weeks.
RELATIVE_DATE_WORDS = frozenset("next last this coming previous past yesterday today tomorrow".split())

# Pairs of event kinds that tell one event from the two sides, with the doers swapped: "Valdoria lent
# Caspenia $500m" is "Caspenia received $500m from Valdoria".
CONVERSE_EVENT_KINDS = frozenset(
    frozenset(pair.split())
    for pair in (
        "give receive", "lend receive", "lend borrow", "sell buy", "deliver receive", "deliver buy", "promise receive",
        "elect lose",
    )
)

# Event kinds that are the same whoever is named first: "Vell met Harrow" is "Harrow met Vell", "the Union
# admitted Brunmark" is "Brunmark joined the Union".
SYMMETRIC_EVENT_KINDS = frozenset("meet sign agree join".split())

# Event kinds that announce an event without it having happened: "threatened to close" is not "closed",
# "offered to buy" is not "bought", "plans to buy" is not "completed its purchase", "called on Feyd to resign"
# is not "resigned".
TENTATIVE_EVENT_KINDS = frozenset("propose threaten promise plan request".split())

# Prepositions after which an actor is where something happened, not who did it or to whom: "in Halden".
PLACE_PREPOSITIONS = frozenset("in at near outside inside across around within throughout".split())
TIME_PREPOSITIONS = frozenset("since after before following until".split())
"""Prepositions whose object a time can date: "since the invasion two years ago" (nlp/figures.py)."""

# --- Names (nlp/names.py) -------------------------------------------------------------------------------------
# Identity keys of people and terms of statements for the archive's who-said indexes. Words are casefolded with
# accents stripped.

# Words before a name that give the person's title, not the name: honorifics and offices, less those that are
# also common first names ("Dean Baquet"), plus job words the press puts in front of a name ("Tesla chief
# executive Elon Musk"). Everything up to the last of them in front of a name is dropped.
NAME_TITLE_WORDS = (HONORIFICS | OFFICE_WORDS | frozenset(
    """
    executive boss head economist analyst strategist lawmaker legislator mp mep councillor councilor activist
    lawyer doctor coach manager superintendent inspector constable detective sgt spokesperson president-elect
    elect crown mme mlle msgr
    """.split()
)) - frozenset({"dean"})

# Words that may follow a title word and still belong to the title: "Secretary of State", "Minister for
# Foreign Affairs", "Speaker of the House". After "of" or "for" with none of these, one word is taken as the
# place the office is of ("Governor of Texas Greg Abbott").
NAME_TITLE_CONNECTORS = frozenset("of for the and on to".split())
NAME_PORTFOLIO_WORDS = frozenset(
    """
    state defence defense foreign affairs interior home finance health justice education energy trade treasury
    homeland security transport labour labor environment agriculture commerce economy economic culture
    communications digital science technology housing immigration sport national federal general staff
    armed forces army navy air force police fire public works development international house senate
    """.split()
)

# Words after a name that are not part of it: "Martin Luther King Jr.".
NAME_SUFFIXES = frozenset("jr jr. sr sr. junior senior ii iii iv phd md mp mep qc kc esq".split())

# Particles inside a surname ("von der Leyen", "bin Salman"): a name that starts with one is a bare surname.
SURNAME_PARTICLES = frozenset("von van der den de del della di da du dos das la le bin ibn bint abu st".split())

# The Arabic article, written "al-" or "el-" as often as it is left out: "Bashar al-Assad" is "Assad".
# Dropped when hyphenated or inside a name, kept as a first name ("Al Gore").
ARABIC_ARTICLES = frozenset("al el".split())

# Letters NFKD does not decompose, spelled out as the English press writes them.
_LETTER_SPELLINGS = {"ø": "o", "đ": "dj", "ł": "l", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"}
NAME_LETTERS = str.maketrans(
    {**_LETTER_SPELLINGS, **{k.upper(): v.capitalize() for k, v in _LETTER_SPELLINGS.items()}, "ı": "i"}
)

# Transliteration variants written differently for one name, folded into one spelling per word (applied in
# order, to words of at least MIN_FOLDED_WORD letters): Zelenskyy / Zelenskiy / Zelenskii / Zelenskij /
# Zelensky → "zelensky"; Yanukovych / Yanukovich; Yuliya / Yulia / Yuliia; Alexei / Aleksey. "kh"/"h", "q"/"k"/"g" and
# "ou"/"u" are left alone: they tell real names apart (Khan / Han, Quinn / Guinn, Louis / Luis).
RE_NAME_ENDING_FOLDS = (
    (re.compile(r"[iy]+j?$"), "y"),
    (re.compile(r"i+y?a$"), "ia"),
    (re.compile(r"ych$"), "ich"),
)
MIN_FOLDED_WORD = 4
RE_NAME_DOUBLED_CONSONANT = re.compile(r"([b-df-hj-np-tv-z])\1+")
RE_ARABIC_ARTICLE_PREFIX = re.compile(r"\b(?:al|el)[-‐‑]", re.IGNORECASE)
RE_POSSESSIVE = re.compile(r"['’](?:s\b|(?=\s|$))")
RE_NAME_PUNCTUATION = re.compile(r"[^\w\s]|_")
RE_TERM = re.compile(r"[^\W_]+")

# Words left out of the topic and role indexes: they occur in nearly every statement.
TOPIC_STOPWORDS = frozenset(
    """
    a an the of to in on at for by with from into onto about as and or but nor so than then that this these
    those it its it's they them their theirs he him his she her hers we our ours us i me my mine you your yours
    who whom whose which what when where why how while is are was were be been being am has have had having
    do does did doing done will would shall should can could may might must also just only still yet already
    some any all each every both either neither other another such there here after before during since until
    over under between against among amid through per via not no very too more most less least much many
    own same again further once if because up down out off s t don dont isnt arent wasnt werent
    wont cant couldnt shouldnt wouldnt im ive youre weve theyre thats theres say says said saying told tell
    tells
    """.split()
)

# A word this long or shorter written in capitals is an acronym ("US", "WHO", "NATO"): neither a stopword nor
# stemmed.
MAX_ACRONYM_LETTERS = 4

# A word's inflection and what replaces it, tried in order; the first that fits is removed.
TOPIC_INFLECTIONS = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
# "-es" is a suffix of its own only after these ("taxes", "churches"); elsewhere only the "s" goes ("guarantees").
SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")
# Words ending in these keep their final "s": "business", "bus", "crisis".
KEPT_S_ENDINGS = ("ss", "us", "is")
