"""The colours in mkdocs.yml are checked against WCAG 2.1 AA."""

from __future__ import annotations

import pytest

from okide.palette import contrast_ratio, palette_problems


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#fff", "#fff") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_the_shipped_palette_passes_aa() -> None:
    import yaml

    from tests.conftest import ROOT

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert config["extra"]["okide"]["colors"]
    assert palette_problems(config["extra"]) == []


def test_a_light_primary_colour_is_refused_with_its_contrast() -> None:
    (problem,) = palette_problems({"okide": {"colors": {"primary": "#ffcc00"}}})
    assert problem.startswith("extra.okide.colors.primary: #ffcc00 ger kontrasten 1.51:1")
    assert "minst 4.5:1" in problem


def test_a_faint_accent_colour_is_refused() -> None:
    (problem,) = palette_problems({"okide": {"colors": {"accent": "#999999"}}})
    assert problem.startswith("extra.okide.colors.accent: #999999 ger kontrasten 2.85:1")


def test_a_value_that_is_not_a_hex_colour_is_refused_before_it_reaches_the_css() -> None:
    (problem,) = palette_problems({"okide": {"colors": {"primary": "red; } body { x: y"}}})
    assert "är ingen färg – skriv den som #rrggbb" in problem


def test_no_colours_configured_means_the_theme_defaults_and_no_problem() -> None:
    assert palette_problems({}) == []
    assert palette_problems({"okide": {"data_dir": "."}}) == []


@pytest.mark.parametrize(
    "extra", [{"okide": "x"}, {"okide": {"colors": "#00507a"}}, {"okide": {"colors": [1]}}]
)
def test_settings_of_the_wrong_shape_give_no_palette_problem_settings_name_them(
    extra: dict[str, object],
) -> None:
    from okide.mkdocs_config import okide_problems

    assert palette_problems(extra) == []
    assert okide_problems(extra)
