"""Tests for cantrade_cli.segment: paragraph and sentence spans."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cantrade_cli.segment import list_bullet, segment_paragraph, split_paragraphs

SEEDS = Path(__file__).parent.parent / "seeds"


def sentences(text: str) -> list[str]:
    """Sentence strings of one paragraph."""
    return [text[start:end] for start, end in segment_paragraph(text)]


def assert_valid_spans(text: str, spans: list[tuple[int, int]], offset: int = 0) -> None:
    """Spans are ordered, disjoint, trimmed, non-empty, and cover all non-space characters."""
    owner = [0] * len(text)
    prev_end = None
    for start, end in spans:
        s, e = start - offset, end - offset
        assert 0 <= s < e <= len(text)
        if prev_end is not None:
            assert s >= prev_end
        prev_end = e
        piece = text[s:e]
        assert piece and piece == piece.strip()
        for i in range(s, e):
            owner[i] += 1
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert owner[i] == 1, (i, ch)


# --------------------------------------------------------------------------- #
# split_paragraphs
# --------------------------------------------------------------------------- #


def test_paragraphs_split_on_all_newline_styles() -> None:
    text = "First line.\nSecond line.\r\nThird line.\rFourth line."
    spans = split_paragraphs(text)
    assert [text[s:e] for s, e in spans] == [
        "First line.",
        "Second line.",
        "Third line.",
        "Fourth line.",
    ]


def test_paragraphs_skip_blank_lines_and_trim() -> None:
    text = "\n\n   \t\n  Alpha beta.  \n\u00a0\n\tGamma.\t\r\n   "
    spans = split_paragraphs(text)
    assert [text[s:e] for s, e in spans] == ["Alpha beta.", "Gamma."]
    assert spans[0] == (text.index("Alpha"), text.index("Alpha") + len("Alpha beta."))


@pytest.mark.parametrize("text", ["", " ", "\n", "\r\n\r\n", " \t \n \u2003 "])
def test_paragraphs_empty(text: str) -> None:
    assert split_paragraphs(text) == []


def test_paragraph_keeps_other_separators_inside() -> None:
    # Only \n and \r break lines; a form feed is whitespace inside the paragraph.
    text = "One.\fTwo."
    assert split_paragraphs(text) == [(0, len(text))]


@given(st.text())
@settings(max_examples=300)
def test_paragraph_invariants(text: str) -> None:
    spans = split_paragraphs(text)
    assert_valid_spans(text, spans)
    for s, e in spans:
        assert "\n" not in text[s:e] and "\r" not in text[s:e]


# --------------------------------------------------------------------------- #
# segment_paragraph: behaviour
# --------------------------------------------------------------------------- #

CASES: list[tuple[str, list[str]]] = [
    # Plain terminators.
    (
        "Stocks fell sharply. Investors fled to bonds.",
        ["Stocks fell sharply.", "Investors fled to bonds."],
    ),
    (
        "Why did prices rise? Analysts blamed fuel.",
        ["Why did prices rise?", "Analysts blamed fuel."],
    ),
    (
        "What a comeback! The team won in overtime.",
        ["What a comeback!", "The team won in overtime."],
    ),
    ("Wait?! Nobody told us.", ["Wait?!", "Nobody told us."]),
    ("No way!! The vote passed.", ["No way!!", "The vote passed."]),
    ("Really?? Officials denied it.", ["Really??", "Officials denied it."]),
    ("Breaking news without a full stop", ["Breaking news without a full stop"]),
    ("The storm passed.Markets reopened.", ["The storm passed.Markets reopened."]),
    # Multi-period abbreviations.
    ("Officials at the U.S. Treasury declined to comment.", None),
    ("Imports from the U.S. fell last month.", None),
    ("The U.K. economy grew faster than expected.", None),
    ("The U.S. 10-year yield climbed.", None),
    ("Talks on the U.S. Mexico–Canada pact resume today.", None),
    ("She moved to the U.S.A. when she was ten.", None),
    (
        "The deal was signed in the U.K. It takes effect soon.",
        ["The deal was signed in the U.K.", "It takes effect soon."],
    ),
    (
        "Exports went to the E.U. What happens next is unclear.",
        ["Exports went to the E.U.", "What happens next is unclear."],
    ),
    ("Rates rose in the U.S. The dollar gained.", ["Rates rose in the U.S.", "The dollar gained."]),
    (
        "About 140 local firms sell to the U.S. Of these, 23 have lost orders.",
        ["About 140 local firms sell to the U.S.", "Of these, 23 have lost orders."],
    ),
    (
        "Most guns come from the U.S. Mexican officials said so.",
        ["Most guns come from the U.S.", "Mexican officials said so."],
    ),
    (
        "Goods, e.g. Chinese steel, pay the surtax.",
        None,
    ),
    # ... but not a name or a title-case headline that goes on after the abbreviation.
    ("Trucks wait at the U.S. Canada border for hours.", None),
    ("The U.S. China trade war hurt farmers.", None),
    ("U.S. To Impose Tariffs On Canadian Steel", None),
    ("She joined the Dept. Of Commerce in 2019.", None),
    ("Hours are Mon. To Fri. from 9 to 5.", None),
    ("Workers at the Cambridge, Ont. Toyota plant walked out.", None),
    ("Mail it to 200 Main St., Windsor, Ont. N9A 4J3 by Friday.", None),
    ("P.S. Our warehouse will be closed from Dec. 24 to Jan. 1.", None),
    ("Moved by Coun. Kittredge, seconded by Cllr. Ostrowski: THAT the motion pass.", None),
    # Titles and other prepositive abbreviations.
    ("Mr. Carney met Dr. Lee and Gov. Newsom on Monday.", None),
    ("Sen. Warren and Rep. Jordan spoke, as did Lt. Gen. Hart.", None),
    ("Mass was held at St. Patrick's Cathedral on Fifth Ave. near the park.", None),
    ("Prof. Ortiz climbed Mt. Hood last year.", None),
    ("Lic. Mariana Echeverría and Ing. Raúl Medina met Dra. Ana Ruiz.", None),
    ("The Rt. Hon. Mark Carney arrived.", None),
    # A reference, a voyage, a registration, "including", a Spanish avenue: the name or number
    # goes on.
    ("Monitoring Ref. No. LF-25-1205 | Lingua Franca | Translation", None),
    ("The sailing of M.V. Sierra, Voy. No. 2603S, departs Vancouver.", None),
    ("Licensed travel agency, TICO Reg. No. 50021987.", None),
    ("Tariffs on parts from countries without a trade agreement, incl. China, from Jan. 1", None),
    ("Chamber of the Bajío, A.C. | Av. Constituyentes 118, Querétaro", None),
    ("Costs rose 5%, incl. The rest fell.", ["Costs rose 5%, incl.", "The rest fell."]),
    # Canada's provinces and Mexico's states, in a table's row or before a bracket.
    ("Guelph, Ont. (Plant 1) | Control arms | 1,240", None),
    ("Windsor, ON – Saltillo, Coah. | Truckload | 3 days", None),
    ("Licensed customs broker | Mississauga, Ont. | Laredo, Tex. | Monterrey", None),
    (
        "He moved to Guelph, Ont. The plant opened in May.",
        ["He moved to Guelph, Ont.", "The plant opened in May."],
    ),
    # A number abbreviation before a code or a telephone number.
    ("READOUT No. DGAN-0417/2025", None),
    ("Tel. +1 416 555 0172 | media@example.org", None),
    ("PROF. MBEKI-SØRENSEN: Okay, let's get started.", None),  # a transcript's title in capitals
    ("MR. SMITH: We agree.", None),
    # A hearing's speaker label, as the U.S. Congress prints it, opens its first sentence.
    ("The CHAIRMAN. The committee will come to order.", None),
    ("Senator STRAND. Mr. Marchetti-Abara, lumber now pays 45%.", None),
    ("Ms. OYELOWO-FINCH. Yes, Mr. Chairman.", None),
    ("They joined the WTO. The talks ended.", ["They joined the WTO.", "The talks ended."]),
    ("Toronto – Monterrey | Mon., Wed., Fri. | 6 days", None),  # a timetable's days
    # A time ends a sentence before a capital, unless the capital goes on with it.
    (
        "The midterm is on Feb. 24, at 10 a.m. Okay, that's time.",
        ["The midterm is on Feb. 24, at 10 a.m.", "Okay, that's time."],
    ),
    ("The call is at 10 a.m. Eastern on Monday.", None),
    (
        "It is no ally against the U.S. Roughly 83 per cent of its exports go there.",
        ["It is no ally against the U.S.", "Roughly 83 per cent of its exports go there."],
    ),
    ("The talks start at 10 a.m. Monday in Ottawa.", None),
    ("It starts at 10 a.m. Ottawa time on Monday.", None),
    ("The loan came from ING. It closed in May.", ["The loan came from ING.", "It closed in May."]),
    # A quote after a company's name opens the next sentence; a name in brackets does not.
    (
        '"We sold south," said Mr. Pryce of Nechako Timber Ltd. "Last year we shipped more."',
        ['"We sold south," said Mr. Pryce of Nechako Timber Ltd.', '"Last year we shipped more."'],
    ),
    ('Harwick Metal Products Inc. ("Harwick") appeals from a decision.', None),
    ("No. | Company | City | Sector", None),  # a table's header row
    # A legal citation's paragraphs, sections and a statute's chapter.
    ("The goods remained goods of the United States (Decision at paras. 41–47).", None),
    ("An appeal under the Customs Act, R.S.C. 1985, c. 1 (2nd Supp.), lies on law only.", None),
    ("Remission may be granted under s. 115 of the Customs Tariff, S.C. 1997, c. 36.", None),
    ("Mills in Sault Ste. Marie and Hamilton cut shifts.", None),
    ("The Speaker: The hon. Minister of Jobs, Economy and Trade.", None),
    ("The ruling in Rivera v. Ohio was upheld.", None),
    ("The case Smith vs. Jones was dismissed.", None),
    ("Martin Luther King Jr. Day is a holiday.", None),
    # Months.
    ("The talks ended on Dec. 18 without a deal.", None),
    ("The law was signed Sept. 3, 2024, by the governor.", None),
    ("Shares peaked in Jan. and fell after.", None),
    # Company suffixes.
    ("Acme Corp. agreed to buy Widget Inc. for $2 billion.", None),
    ("Apple Inc. Chief Executive Tim Cook said demand was strong.", None),
    (
        "The bid came from Foster & Co. It was rejected.",
        ["The bid came from Foster & Co.", "It was rejected."],
    ),
    (
        "The firm is Harlow Ltd. They declined to comment.",
        ["The firm is Harlow Ltd.", "They declined to comment."],
    ),
    # Initials and the pronoun "I".
    ("Officials said Maria T. Lopez would lead the inquiry.", None),
    ("The award went to George W. Bush in 2008.", None),
    ("J. R. Smith scored 20 points.", None),
    ("It was up to her and I. Nobody objected.", ["It was up to her and I.", "Nobody objected."]),
    ("We met Henry I. Walters on Tuesday.", None),
    # Numbers, amounts, decimals.
    ("Revenue rose to $12.75 billion in the quarter.", None),
    (
        "The index closed at 4,512.33. Bonds were flat.",
        ["The index closed at 4,512.33.", "Bonds were flat."],
    ),
    ("The fee was $25.00. It doubled later.", ["The fee was $25.00.", "It doubled later."]),
    ("The serial was 10.20.30. Nobody knew why.", ["The serial was 10.20.30.", "Nobody knew why."]),
    ("Output grew in 2023. 2024 was weaker.", ["Output grew in 2023.", "2024 was weaker."]),
    # E-mail addresses and URLs.
    (
        "Send tips to news.desk@example.org. Editors read them.",
        ["Send tips to news.desk@example.org.", "Editors read them."],
    ),
    (
        "Details: https://example.org/a/report.v2.pdf. It has 40 pages.",
        ["Details: https://example.org/a/report.v2.pdf.", "It has 40 pages."],
    ),
    ("Visit www.example.com for details.", None),
    # Abbreviations before numbers or lower-case words.
    ("The rule is on p. 12 of the filing.", None),
    ("He was ranked No. 3 in the world.", None),
    ("See Fig. 2 and Vol. 4 for details.", None),
    ("The ship sailed from pier N°. 7 at dawn.", None),
    ("Some metals, e.g. copper, rallied.", None),
    ("The benchmark, i.e. the S&P 500, rose.", None),
    ("Fuel, food, etc. cost more this year.", None),
    ("Were Smith and co. at the hearing?", None),
    ("The answer was no. The motion failed.", ["The answer was no.", "The motion failed."]),
    # a.m. / p.m.
    ("The market opened at 9:30 a.m. and closed early.", None),
    # A title after a time opens the next sentence (Golden Rule 18: "at 6 P.M. Mr. Smith then
    # went"), unless the time is all its sentence has so far ("At 5 a.m. Mr. Smith went").
    (
        "The vote is at 3 p.m. Sen. Collins will attend.",
        ["The vote is at 3 p.m.", "Sen. Collins will attend."],
    ),
    ("At 5 a.m. Sen. Collins left.", None),
    (
        "Polls closed at 8 p.m. The count began at once.",
        ["Polls closed at 8 p.m.", "The count began at once."],
    ),
    # Exclamation marks in names.
    ("He worked at Yahoo! for a decade.", None),
    ("She appeared on Jeopardy! in 2020.", None),
    # Quotes and brackets.
    ("'It is over.' he said.", None),
    ('"We are ready." the minister said.', None),
    ("“Will it pass?” asked one aide.", None),
    ('He said, "We won." Then he left.', ['He said, "We won."', "Then he left."]),
    ("“It is over.” He left the room.", ["“It is over.”", "He left the room."]),
    ("(The vote was close.) Critics disagreed.", ["(The vote was close.)", "Critics disagreed."]),
    ("She ran the unit (she joined in 2010.) until last year.", None),
    (
        "It was, he said, ‘a mistake.’ Aides agreed.",
        ["It was, he said, ‘a mistake.’", "Aides agreed."],
    ),
    # Datelines: a colon never ends a sentence.
    (
        "Ottawa: The prime minister arrived on Friday. He met officials.",
        ["Ottawa: The prime minister arrived on Friday.", "He met officials."],
    ),
    # Lists.
    ("1.) Cut tariffs 2.) Raise quotas", ["1.) Cut tariffs", "2.) Raise quotas"]),
    ("1.) Cut tariffs. 2.) Raise quotas.", ["1.) Cut tariffs.", "2.) Raise quotas."]),
    ("1) Cut tariffs 2) Raise quotas 3) Sign", ["1) Cut tariffs", "2) Raise quotas", "3) Sign"]),
    ("1) Cut tariffs. 2) Raise quotas.", ["1) Cut tariffs.", "2) Raise quotas."]),
    ("1. Cut tariffs 2. Raise quotas", ["1. Cut tariffs", "2. Raise quotas"]),
    ("1. Cut tariffs. 2. Raise quotas.", ["1. Cut tariffs.", "2. Raise quotas."]),
    ("a. Cut tariffs b. Raise quotas c. Sign", ["a. Cut tariffs", "b. Raise quotas", "c. Sign"]),
    ("• 4. Cut tariffs • 5. Raise quotas", ["• 4. Cut tariffs", "• 5. Raise quotas"]),
    ("⁃1. Cut tariffs ⁃2. Raise quotas", ["⁃1. Cut tariffs", "⁃2. Raise quotas"]),
    ("3. The final point is simple.", None),
    # Not a list: the paragraph does not open with a marker.
    ("He finished 1) first and 2) fastest.", None),
    # Ellipses.
    ("Prices kept rising... and then fell.", None),
    ("Prices kept rising... Then they fell.", ["Prices kept rising...", "Then they fell."]),
    ("Prices rose… Then they fell.", ["Prices rose…", "Then they fell."]),
    ("He hesitated.... Then he signed.", ["He hesitated....", "Then he signed."]),
    ("The law says . . . taxes must rise.", None),
    ("The clause reads . . . The rest was redacted.", None),
    (
        "The memo ended with a warning . . . . Markets fell.",
        ["The memo ended with a warning . . . .", "Markets fell."],
    ),
    ("He stopped. . . . Nobody spoke.", ["He stopped.", ". . . Nobody spoke."]),
    ("The memo closed: “we will act. . . .”", None),
    (
        "The report [...] was leaked [...]. (Doc 4).",
        ["The report [...] was leaked [...].", "(Doc 4)."],
    ),
    ("“Talks [...] failed [...]” (Reuters).", None),
    # An abbreviation at the end of a joined word is still one.
    ("The Minister for Canada-U.S. Trade and Mexico's Secretary of Economy signed.", None),
    ("He flew Mexico-U.S. It was late.", ["He flew Mexico-U.S.", "It was late."]),
    # No sentence starts with a dash: a dateline with a province or state goes on.
    ("EMERSON, Man. — On a cold Tuesday morning, officers waited.", None),
    ("REGINA, Sask. - The province said so.", None),
    (
        "He moved to Winnipeg, Man. The next day he left.",
        ["He moved to Winnipeg, Man.", "The next day he left."],
    ),
    # An encyclopedia's citation markers end the sentence they follow.
    (
        "Trade grew tenfold by 2023.[2] CUSMA replaced NAFTA in 2020.[1][4] It runs to 2036.",
        [
            "Trade grew tenfold by 2023.[2]",
            "CUSMA replaced NAFTA in 2020.[1][4]",
            "It runs to 2036.",
        ],
    ),
    (
        'He called it "a disaster."[7] Others agreed.[citation needed] Few did.',
        ['He called it "a disaster."[7]', "Others agreed.[citation needed]", "Few did."],
    ),
    # So do a paper's footnote markers.
    (
        "We use fixed effects.³ We find that exports rose.",
        ["We use fixed effects.³", "We find that exports rose."],
    ),
    # A table's question before its figures is one row; so is a row with inches.
    ("Did your sales to Mexico grow in 2025? | 41% | 33% | 26%", None),
    ("OSB 7/16 in. North Central (US$ per msf) | 348 | 352 | −4", None),
    ("He is 5 ft. 2 in. He left.", ["He is 5 ft. 2 in.", "He left."]),
    (
        "Rainfall totalled 12 in. Farmers lost crops.",
        ["Rainfall totalled 12 in.", "Farmers lost crops."],
    ),
    # A caption's number does not end it; a table named in a sentence may.
    ("Table 1. Canadian exports, 2024 and 2025 (C$ billions)", None),
    ("Figure 2. Steel imports by month", None),
    ("Table 2.1. Canadian exports by province", None),
    ("TABLE A1. CANADIAN EXPORTS", None),
    ("See Table 1. The results hold.", ["See Table 1.", "The results hold."]),
    # A headline's "VS." in capitals is "vs.".
    ("SEIZURES AT NORTHERN BORDER 21 KG VS. 11,500 KG AT SOUTHWEST BORDER", None),
    (
        "Look beyond the U.S. Mexico bought C$11.6 billion of our goods.",
        ["Look beyond the U.S.", "Mexico bought C$11.6 billion of our goods."],
    ),
    # A past form right after the country only: a noun between, and the names are one thing.
    ("Agents along the U.S. Mexico border sent 300 migrants back.", None),
    (
        "Canada sends 76% of its exports to the U.S. Mexico sends 83% of its own.",
        ["Canada sends 76% of its exports to the U.S.", "Mexico sends 83% of its own."],
    ),
    # A country's possessive after the country begins a sentence; the country alone need not.
    (
        "The tinplate comes from the U.S. Canada's 25% counter-tariff on U.S. steel applies.",
        ["The tinplate comes from the U.S.", "Canada's 25% counter-tariff on U.S. steel applies."],
    ),
    ("Exports to the U.S. Canada and Mexico rose.", None),
    # A rank after the possessive goes on: the country is ranked by it.
    ("Energy exports make the U.S. Canada's largest customer by far.", None),
    ("That would make the U.S. Mexico's biggest supplier of corn again.", None),
    ("Analysts call the U.S. Canada's most important market.", None),
    ("It is the U.S. Canada's No. 1 market.", None),
    # An adverb before a word in lower case begins a sentence; in a title-case headline it
    # goes on.
    (
        "We shipped 38 million parts to the U.S. Almost all of them qualify.",
        ["We shipped 38 million parts to the U.S.", "Almost all of them qualify."],
    ),
    ("U.S. Almost Doubles Steel Tariff", None),
    # A verb that asks begins a question; a headline's verb without one goes on.
    (
        "The officer said to expect a surtax on goods made in the U.S. Is that still a thing?",
        [
            "The officer said to expect a surtax on goods made in the U.S.",
            "Is that still a thing?",
        ],
    ),
    ("U.S. Is Raising Tariffs on Canadian Steel", None),
    # A title-case question goes on too, and "May" is the month.
    ("What Happens if the U.S. Does Not Renew CUSMA?", None),
    ("Should the U.S. Have the Final Say?", None),
    ("Did tariffs announced by the U.S. May 5 hit your business?", None),
    (
        "Mexican steel pays the same tariff in the U.S. Is Mexico an ally or a rival?",
        ["Mexican steel pays the same tariff in the U.S.", "Is Mexico an ally or a rival?"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentences(text: str, expected: list[str] | None) -> None:
    """``expected=None`` means the whole paragraph is one sentence."""
    assert sentences(text) == (expected if expected is not None else [text])


def test_offset_shifts_spans() -> None:
    text = "One fell. Two rose."
    assert segment_paragraph(text, 100) == [(100, 109), (110, 119)]


def test_surrounding_and_unusual_whitespace() -> None:
    text = "  \tFirst one.\u00a0Second one.\tThird one.  "
    spans = segment_paragraph(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one.", "Third one."]
    assert_valid_spans(text, spans)


@pytest.mark.parametrize("text", ["", "   ", "\t\u00a0\u2003"])
def test_empty_paragraph(text: str) -> None:
    assert segment_paragraph(text) == []


# --------------------------------------------------------------------------- #
# Seed articles
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("name", "count"),
    [("000_f06eaa97497e30ce.txt", 20), ("003_e03bf9867b15315f.txt", 12)],
)
def test_seed_sentence_counts(name: str, count: int) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    spans = [
        span
        for start, end in split_paragraphs(text)
        for span in segment_paragraph(text[start:end], start)
    ]
    assert len(spans) == count
    for start, end in spans:
        sentence = text[start:end]
        assert sentence == sentence.strip() and sentence
    # Every non-space character of the article is in exactly one sentence.
    assert_valid_spans(text, spans)


# --------------------------------------------------------------------------- #
# segment_paragraph: properties
# --------------------------------------------------------------------------- #

_PUNCT_ALPHABET = list("aAzZ1 9.!?…\"'”’“‘()[]•⁃-*\t\u00a0\n\r\u2028\x85:;,$@/°")

_TOKENS = [
    "U.S.",
    "Mr.",
    "I.",
    "E.",
    "1.",
    "2.",
    "10.",
    "a.",
    "b.",
    "1)",
    "2)",
    "1.)",
    "•",
    "⁃9.",
    "...",
    ". . .",
    ". . . .",
    ".",
    "..",
    "…",
    "Hello!",
    "What?!",
    '"Yes."',
    "(no.)",
    "[...]",
    "The",
    "the",
    "How",
    "It",
    "p.",
    "55",
    "Inc.",
    "Co.",
    "$1.00.",
    "x@y.com.",
    "iPhone",
    "a.m.",
    "Dec.",
    "No.",
    "e.g.",
    "etc.",
    "Yahoo!",
    "’",
    "”",
    "(",
    ")",
    ":",
    "word",
]

_joiners = st.sampled_from([" ", "  ", "\t", "\u00a0", "", " \n ", "\r"])


@st.composite
def _token_soup(draw: st.DrawFn) -> str:
    tokens = draw(st.lists(st.sampled_from(_TOKENS), max_size=30))
    out = []
    for token in tokens:
        out.append(draw(_joiners))
        out.append(token)
    return "".join(out)


_texts = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(_PUNCT_ALPHABET)),
    st.lists(st.sampled_from([".", " ", ". ", " .", "...", "\t"])).map("".join),
    _token_soup(),
)


@given(_texts, st.integers(min_value=0, max_value=10_000))
@settings(max_examples=600)
def test_sentence_invariants(text: str, offset: int) -> None:
    spans = segment_paragraph(text, offset)
    assert_valid_spans(text, spans, offset)
    assert spans == [(s + offset, e + offset) for s, e in segment_paragraph(text)]
    # Sentences only ever break at whitespace, never inside a token.
    for s, _ in spans[1:]:
        assert text[s - offset - 1].isspace()


@given(_texts)
@settings(max_examples=300)
def test_document_pipeline_invariants(text: str) -> None:
    """Paragraph spans fed to segment_paragraph with their offsets cover the document."""
    spans = [
        span
        for start, end in split_paragraphs(text)
        for span in segment_paragraph(text[start:end], start)
    ]
    assert_valid_spans(text, spans)


@pytest.mark.parametrize(
    ("sentence", "length"),
    [
        ("• Steel", 2),
        ("-  Steel", 3),
        ("* Steel", 2),
        ("1. Lift the tariff.", 3),
        ("12) Adjournment", 4),
        ("b. Steel", 3),
        ("• 9. Steel", 5),
        ("-5% this year", 0),
        ("*Note", 0),
        ("•", 0),
        ("2025 was a record year.", 0),
        ("3.5 million tonnes moved.", 0),
        ("[x] Bond renewed for 2026.", 4),  # a checklist's boxes
        ("[ ] Renew your certifications.", 4),
        ("☐ Renew", 2),
        ("[see note] Rates rose.", 0),
        ("→ Rail: we moved 1,150 containers.", 2),  # an arrow
        ("[12] Mr. Okonjo argues that the coating matters.", 5),  # a judgment's paragraph
        ("5.1 In March 2025, Canada imposed a surtax.", 4),  # a report's numbered paragraph
        ("5.12 The audit covered the period.", 5),
        ("4.1 Context", 0),  # a heading's section number: its name
        ("5.2 Motion: Steel and the CUSMA joint review", 0),
        ("4.1 Greg Tomczak-Bello, President, Local 7719", 0),
        ("2.5 million tonnes moved.", 0),
        ("2.5 GW of new capacity came online.", 0),  # a unit, not a paragraph's text
        ("1.2 Million Jobs at Risk", 0),
        ("(CUSMA) took effect in 2020.", 0),
        ("3/ The declaration sets a goal of C$82B.", 3),  # a thread's post number
        ("14/ Bottom line: good diplomacy.", 4),
        ("24/7 service at the bridge", 0),  # no space after the slash: not a post's number
        ("1/2 of the exports", 0),
        ("3/ 5 provinces signed the accord.", 0),  # a number after it: a fraction, not a post
        ("12/ 2025 was a record year.", 0),
    ],
)
def test_list_bullet(sentence: str, length: int) -> None:
    assert list_bullet(sentence) == length
