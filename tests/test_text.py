import pytest

from summarizer.text import clean_text, find_links, normalise_title, paper_id


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (r"reduces cost by 13\% and is 2.4\times faster", "reduces cost by 13% and is 2.4× faster"),
        ("achieves a 31times speedup", "achieves a 31× speedup"),
        ("scale to sim30B-sized LLMs on 8times fewer GPUs", "scale to ~30B-sized LLMs on 8× fewer GPUs"),
        ("the sim2real gap", "the sim2real gap"),  # a word, not a LaTeX \sim
        ("it is 3 times smaller", "it is 3 times smaller"),  # plain English stays
        (r"a benchmark on the {\it (Model \(\times\) Algorithm)} grid", "a benchmark on the (Model × Algorithm) grid"),
        (r"the Polyak-\L ojasiewicz condition", "the Polyak-Łojasiewicz condition"),
        (r"We present {\sc LegendreTron} here", "We present LegendreTron here"),
        (r"means \mu_i within \varepsilon", "means μ_i within ε"),
        ("Code is available at https://github.com/kleinzcy/Cr-KD-NCD{here}.",
         "Code is available at https://github.com/kleinzcy/Cr-KD-NCD."),
        ("A &amp; B\u00a0 C\x00", "A & B C"),
        (r"in Tensorflow at \url{https://github.com/tensorflow/models/tree/master/research/deeplab}.",
         "in Tensorflow at https://github.com/tensorflow/models/tree/master/research/deeplab."),
        ("code at url{https://github.com/a/b_c}.", "code at https://github.com/a/b_c."),  # a page lost the backslash
        (r"see \href{https://x.org/p}{our project page}.", "see our project page (https://x.org/p)."),
        (r"at \href{https://x.org/p/}{https://x.org/p}", "at https://x.org/p/"),
        (r"at \url{https://a.org/x\_y}", "at https://a.org/x_y"),
        ("curl{x} and url{x} stay", "curl{x} and url{x} stay"),  # no backslash and no URL: not a command
        (r'a novel H\"older style inequality [Aky\"urek et al.]', "a novel Hölder style inequality [Akyürek et al.]"),
        (r"local Fr\'echet regression and R\'enyi entropy", "local Fréchet regression and Rényi entropy"),
        (r"{\'E}cole, \'{e}t\'e, Se\~nor, G{\"o}del", "École, été, Señor, Gödel"),
        # escaped apostrophes and quotes are not accents
        (r'it\'s what we\'re told, a \"quoted\" word', r'it\'s what we\'re told, a \"quoted\" word'),
    ],
)
def test_clean_text_keeps_latex_residue_readable(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_find_links_strips_sentence_punctuation_and_keeps_balanced_parens() -> None:
    text = "Code: https://github.com/ZhentingWang/DUMP. See (https://en.wikipedia.org/wiki/Foo_(bar)), https://x.org/a;"
    assert find_links(text) == [
        "https://github.com/ZhentingWang/DUMP", "https://en.wikipedia.org/wiki/Foo_(bar)", "https://x.org/a"]


def test_paper_id_ignores_case_punctuation_and_accents() -> None:
    assert normalise_title("  LoRA+:  Efficient   Low-Rank Adaptation! ") == "lora efficient low rank adaptation"
    assert paper_id("Café: A Study") == paper_id("cafe a study")
    assert paper_id("A") != paper_id("B")
    assert len(paper_id("x")) == 16
