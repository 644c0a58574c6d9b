"""World places in Chinese (reader/glossary/world_places.py, reader/data/world_places.tsv):
the builder's choices on a dump of our own, the false-name family (a foreign city typed a
person or an organisation) and the English of a place CC-CEDICT lacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from found_entity import Found

from reader.glossary.name_families import screen
from reader.glossary.render_names import WORLD_PLACE_NOTE, render_entity
from reader.glossary.world_places import get_world_places, parse_world_places, world_place

ROOT = Path(__file__).resolve().parent.parent


def city(geonameid: int, name: str, alternates: str, country: str, population: int) -> str:
    cols = [str(geonameid), name, name, alternates, "0", "0", "P", "PPL", country]
    cols += [""] * 5
    cols[14:] = [str(population), "", "100", "Europe/Warsaw", "2026-01-01"]
    return "\t".join(cols)


def test_the_builder_keeps_foreign_han_names_and_drops_by_reason() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    from build_world_places import build

    dump = "\n".join(
        [
            city(1, "Grudziądz", "Graudenz,格魯瓊茲,グルジョンツ,格", "PL", 92552),
            city(2, "Xiamen", "Amoy,厦门", "CN", 3000000),
            city(3, "Lincoln", "林肯", "US", 294757),  # a president in CC-CEDICT
            city(4, "Fountain", "喷泉", "US", 20000),  # "fountain": an everyday word
            city(5, "Kingston", "金斯顿", "CA", 132485),
            city(6, "Kinston", "金斯顿", "US", 21337),  # another English name: ambiguous
            city(7, "Vukovar", "武科瓦尔", "HR", 22255),
            city(8, "Vukovar", "武科瓦尔", "US", 15000),  # the same English: kept
            city(9, "Amoy Town", "厦门", "US", 15000),  # a name a Chinese city bears
        ]
    )
    rows, counts = build(dump)
    assert rows == [("格鲁琼兹", "Grudziądz", "PL"), ("武科瓦尔", "Vukovar", "HR")]
    assert counts["cities read"] == 9
    assert counts["dropped: city in CN/TW/HK/MO"] == 1
    assert counts["dropped: also a place in CN/TW/HK/MO"] == 1
    assert counts["dropped: a person in CC-CEDICT"] == 1
    assert counts["dropped: everyday word"] == 1
    assert counts["dropped: ambiguous (two cities, two English names)"] == 1


def test_the_shipped_table_reads_any_script_and_holds_no_known_person() -> None:
    assert world_place("格魯瓊茲") == world_place("格鲁琼兹")
    place = world_place("格鲁琼兹")
    assert place is not None and (place.english, place.country) == ("Grudziądz", "PL")
    assert all(world_place(n) is None for n in ("华盛顿", "林肯", "杰克逊", "厦门"))
    assert len(get_world_places()) > 5000


def test_a_bad_row_names_the_file_and_line() -> None:
    with pytest.raises(ValueError, match=r"places.tsv:2: bad place row"):
        parse_world_places("han\tenglish\tcountry\n格鲁琼兹\tGrudziądz\n", "places.tsv")


def kept(text: str, named: list[Found], lac, forces) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(text[e.start : e.end], e.type) for e in screen(named, text, lac, forces=forces)]


def test_an_unsure_person_or_organisation_that_is_a_world_city_is_a_place() -> None:
    text = "格鲁琼兹位于波兰北部，武科瓦尔也是。"
    named = [Found(0, 4, "PER", 0.8), Found(11, 15, "ORG", 0.6)]
    lac = [(0, 4, "n"), (4, 6, "v"), (6, 8, "LOC"), (8, 10, "f"), (11, 15, "n")]

    def unsure(_: object) -> bool:
        return False

    def sure(_: object) -> bool:
        return True

    assert kept(text, named, lac, unsure) == [("格鲁琼兹", "LOC"), ("武科瓦尔", "LOC")]
    # a name sure enough to be forced is what the recogniser says
    assert kept(text, named, lac, sure) == [("格鲁琼兹", "PER"), ("武科瓦尔", "ORG")]
    # LAC's person on the very span keeps the person; no LAC, nothing said
    lac_person = [(0, 4, "PER"), *lac[1:]]
    assert kept(text, named[:1], lac_person, unsure) == [("格鲁琼兹", "PER")]
    assert kept(text, named[:1], None, unsure) == [("格鲁琼兹", "PER")]


def test_a_person_named_like_a_city_stays_a_person() -> None:
    text = "林肯签署了法令。"
    lac = [(0, 2, "n"), (2, 4, "v")]
    assert kept(text, [Found(0, 2, "PER", 0.7)], lac, lambda _: False) == [("林肯", "PER")]
    # a city's name with a person's title after it is the person; without, the city
    text = "他在调查卡南加博士。"
    lac = [(0, 1, "r"), (1, 2, "p"), (2, 4, "v"), (4, 7, "n"), (7, 9, "n")]
    named = [Found(4, 7, "PER", 0.9)]
    assert kept(text, named, lac, lambda _: False) == [("卡南加", "PER")]
    text = "他在调查卡南加的矿区。"
    assert kept(text, named, lac, lambda _: False) == [("卡南加", "LOC")]


def test_a_club_named_after_its_city_stays_an_organisation() -> None:
    text = "奥尔堡此前受困于两线作战。"
    lac = [(0, 3, "LOC"), (3, 5, "t")]
    unsure = [Found(0, 3, "ORG", 0.6)]
    assert kept(text, unsure, lac, lambda _: False) == [("奥尔堡", "LOC")]
    # above world_place_below_ORG a city's name is its club, even below the force threshold
    assert kept(text, [Found(0, 3, "ORG", 0.9)], lac, lambda _: False) == [("奥尔堡", "ORG")]


def test_a_place_cedict_lacks_gets_geonames_english_a_known_one_keeps_cedicts() -> None:
    hit = render_entity("武科瓦尔", "LOC", [], 0.7)
    assert hit is not None and (hit.en, hit.note) == ("Vukovar", WORLD_PLACE_NOTE)
    paris = render_entity("巴黎", "LOC", [], 0.7)
    assert paris is not None and paris.en == "Paris" and paris.note != WORLD_PLACE_NOTE
    person = render_entity("武科瓦尔", "PER", [], 0.7)  # only a place gets a city's English
    assert person is not None and person.en != "Vukovar"


def test_pinyin_alone_never_reads_the_table() -> None:
    code = (
        "import sys; from reader.resources import Resources; r = Resources();"
        "r.pinyin.read_text('银行行长');"
        "print('reader.glossary.world_places' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.split()[-1] == "False"
