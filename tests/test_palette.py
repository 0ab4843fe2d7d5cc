"""The shared palette: readable against white and distinguishable under deuteranopia."""

from __future__ import annotations

import itertools

import pytest

from decisiontool.palette import (
    BACKGROUNDS,
    MIN_DEUTERANOPIA_DISTANCE,
    MIN_DISTANCE,
    SERIES,
    contrast_ratio,
    criterion_styles,
    delta_e,
    deuteranopia,
    heat_colour,
)


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    # WCAG 2.1: black on white is 21:1; #767676 is the lightest grey with 4.5:1 on white.
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_every_series_colour_has_three_to_one_against_every_background() -> None:
    assert "#FFFFFF" in BACKGROUNDS
    for background in BACKGROUNDS:
        assert all(contrast_ratio(colour, background) >= 3.0 for colour in SERIES), background


def test_series_colours_stay_apart_as_a_deuteranope_sees_them() -> None:
    for a, b in itertools.combinations(SERIES, 2):
        assert delta_e(a, b, simulate_deuteranopia=True) >= MIN_DEUTERANOPIA_DISTANCE, (a, b)
        assert delta_e(a, b) >= MIN_DISTANCE, (a, b)


def test_deuteranopia_keeps_greys_grey() -> None:
    # Each row of the Machado matrix sums to one, so a neutral grey is unchanged.
    red, green, blue = deuteranopia("#808080")
    assert red == pytest.approx(green, abs=1e-3) and green == pytest.approx(blue, abs=1e-3)
    # red and green, far apart for a trichromat, come close for a deuteranope
    assert delta_e("#ff0000", "#00ff00", simulate_deuteranopia=True) < delta_e("#ff0000", "#00ff00")


def test_criteria_past_the_eighth_are_hatched_and_reuse_colours() -> None:
    ids = [f"c{i}" for i in range(10)]
    styles = criterion_styles(ids)
    assert [styles[cid].hatched for cid in ids] == [False] * 8 + [True] * 2
    assert styles["c8"].colour == styles["c0"].colour


def test_heat_colour_runs_from_white_with_readable_text() -> None:
    background, text = heat_colour(0.0)
    assert background == "#ffffff" and text == "#1a1a1a"
    for share in (0.25, 0.5, 0.75, 1.0):
        background, text = heat_colour(share)
        assert contrast_ratio(background, text) >= 4.5
