"""Key figures with their kind and the sentence each comes from."""

from nlp import FigureKind, extract


def test_money_counts_durations_dates_and_percentages(model):
    text = (
        "Portvale will spend $4.5 million over three years on 12 new ferries. "
        "Fares rise 8 percent on 3 March."
    )
    figures = {f.span.text: f for f in extract(model, text).figures}
    assert figures["$4.5 million"].kind is FigureKind.MONEY
    assert figures["three years"].kind is FigureKind.DURATION
    assert figures["12"].kind is FigureKind.COUNT
    assert figures["8 percent"].kind is FigureKind.PERCENT
    assert figures["3 March"].kind is FigureKind.DATE
    assert figures["8 percent"].sentence.text == "Fares rise 8 percent on 3 March."
    for figure in figures.values():
        assert text[figure.span.start : figure.span.end] == figure.span.text


def test_a_bare_number_is_not_a_figure(model):
    assert extract(model, "One of them left early.").figures == ()
