from nlp.repeated_words import same_words


def test_the_same_quote_trimmed_differently_is_the_same_words():
    assert same_words("We will fight this plan in every court in the land",
                      "and we will fight this plan in every court in the land, whatever it costs")


def test_case_accents_and_punctuation_do_not_matter():
    assert same_words("Café owners are “furious”, she said", "cafe owners are furious she said")


def test_different_statements_sharing_words_are_not_the_same():
    assert not same_words("We will fight this plan in every court in the land",
                          "We will accept this plan and move on with our members")


def test_short_statements_must_match_word_for_word():
    assert same_words("No comment", "no comment")
    assert not same_words("No comment", "No comment today")
    assert not same_words("", "anything")
