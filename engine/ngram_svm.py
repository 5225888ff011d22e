"""A linear SVM over character and word n-grams of folded text, with softmax confidences.

Shared by the intent classifier and the entity value classifier: short, misspelt,
mixed-language messages in twelve languages are exactly what character n-grams absorb.
"""

from __future__ import annotations

from typing import Any, List, Sequence, Text, Tuple

import numpy as np


def word_vectorizer(ngrams: Sequence[int] = (1, 1)) -> Any:
    """TF-IDF over words; one-letter words count (Dutch "u", Somali "i")."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(token_pattern=r"(?u)\b\w+\b", ngram_range=tuple(ngrams),
                           sublinear_tf=True)


def ngram_vectorizer(char_ngrams: Sequence[int], min_df: int,
                     word_ngrams: Sequence[int] = (1, 1)) -> Any:
    """TF-IDF over character n-grams within words, beside the words themselves."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_union

    return make_union(TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(char_ngrams),
                                      min_df=min_df, sublinear_tf=True),
                      word_vectorizer(word_ngrams))


def fit(texts: List[Text], labels: List[Text], C: float, char_ngrams: Sequence[int],
        min_df: int, word_ngrams: Sequence[int] = (1, 1)) -> Tuple[Any, Any]:
    """(vectorizer, svm) trained on folded texts."""
    from sklearn.svm import LinearSVC

    vectorizer = ngram_vectorizer(char_ngrams, min_df, word_ngrams)
    svm = LinearSVC(C=C, random_state=0)
    svm.fit(vectorizer.fit_transform(texts), labels)
    return vectorizer, svm


def scores_and_probabilities(vectorizer: Any, svm: Any, texts: List[Text],
                             temperature: float) -> Tuple[np.ndarray, np.ndarray]:
    """The SVM's decision scores (one column per class, also when there are only two) and
    a softmax over them scaled by `temperature`, one row per text."""
    scores = svm.decision_function(vectorizer.transform(texts))
    if scores.ndim == 1:  # two classes: sklearn gives one score, for the second
        scores = np.stack([-scores, scores], axis=1)
    scaled = scores * temperature
    exp = np.exp(scaled - scaled.max(axis=1, keepdims=True))
    return scores, exp / exp.sum(axis=1, keepdims=True)
