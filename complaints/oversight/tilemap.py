"""A tile-grid map of Indonesia's 38 provinces, one square per province, drawn as SVG.

The npm registry has no boundary set of today's 38 provinces under a licence that allows it
(GADM's forbids redistribution; `@svg-maps/indonesia` has 34, before Papua's 2022 split), so the
map is a tile grid: each province sits roughly where it lies, west to east and north to south,
and the table beside it carries the same figures for screen readers and exact reading.
"""

from dataclasses import dataclass

TILE = 40  # px, the side of a tile in the SVG's own units
GAP = 4
SHADES = 5  # shade-0 (no case) to shade-4 (the most)

# Province code → (column, row, ISO 3166-2:ID code as its label): Sumatra on the west, Java and
# Nusa Tenggara along the south, Kalimantan and Sulawesi in the middle, Maluku and the six
# provinces of Papua in the east.
TILES = {
    "11": (0, 0, "AC"),  # Aceh
    "12": (1, 1, "SU"),  # Sumatera Utara
    "21": (3, 1, "KR"),  # Kepulauan Riau
    "13": (1, 2, "SB"),  # Sumatera Barat
    "14": (2, 2, "RI"),  # Riau
    "17": (1, 3, "BE"),  # Bengkulu
    "15": (2, 3, "JA"),  # Jambi
    "19": (3, 3, "BB"),  # Kepulauan Bangka Belitung
    "16": (2, 4, "SS"),  # Sumatera Selatan
    "18": (2, 5, "LA"),  # Lampung
    "31": (4, 5, "JK"),  # DKI Jakarta
    "36": (3, 6, "BT"),  # Banten
    "32": (4, 6, "JB"),  # Jawa Barat
    "33": (5, 6, "JT"),  # Jawa Tengah
    "34": (5, 7, "YO"),  # DI Yogyakarta
    "35": (6, 6, "JI"),  # Jawa Timur
    "51": (7, 6, "BA"),  # Bali
    "52": (8, 6, "NB"),  # Nusa Tenggara Barat
    "53": (9, 6, "NT"),  # Nusa Tenggara Timur
    "65": (7, 1, "KU"),  # Kalimantan Utara
    "61": (5, 2, "KB"),  # Kalimantan Barat
    "62": (6, 2, "KT"),  # Kalimantan Tengah
    "64": (7, 2, "KI"),  # Kalimantan Timur
    "63": (6, 3, "KS"),  # Kalimantan Selatan
    "75": (10, 2, "GO"),  # Gorontalo
    "71": (11, 1, "SA"),  # Sulawesi Utara
    "72": (9, 3, "ST"),  # Sulawesi Tengah
    "76": (8, 3, "SR"),  # Sulawesi Barat
    "73": (8, 4, "SN"),  # Sulawesi Selatan
    "74": (9, 4, "SG"),  # Sulawesi Tenggara
    "82": (12, 2, "MU"),  # Maluku Utara
    "81": (12, 4, "MA"),  # Maluku
    "96": (13, 2, "PD"),  # Papua Barat Daya
    "92": (14, 2, "PB"),  # Papua Barat
    "91": (15, 2, "PA"),  # Papua
    "94": (14, 3, "PT"),  # Papua Tengah
    "95": (15, 3, "PE"),  # Papua Pegunungan
    "93": (15, 4, "PS"),  # Papua Selatan
}
WIDTH = (max(column for column, _row, _label in TILES.values()) + 1) * (TILE + GAP)
HEIGHT = (max(row for _column, row, _label in TILES.values()) + 1) * (TILE + GAP)


@dataclass(frozen=True)
class Tile:
    code: str
    label: str
    name: str
    count: int | None  # None: suppressed (public statistics)
    x: int
    y: int
    shade: int
    url: str

    @property
    def center_x(self) -> int:
        return self.x + TILE // 2

    @property
    def label_y(self) -> int:  # the province's code in the upper half, its count in the lower
        return self.y + TILE * 17 // 40

    @property
    def count_y(self) -> int:
        return self.y + TILE * 32 // 40


def shade_of(count: int | None, most: int) -> int:
    """Return the tile's shade: 0 for none, then four even steps up to the most."""
    if not count or not most:
        return 0
    return min(SHADES - 1, 1 + (count - 1) * (SHADES - 1) // most)


def tiles(counts: dict[str, int | None], names: dict[str, str], url_for=None) -> list[Tile]:
    """Return a tile per province with its count, shade and link (`url_for(code)`, or none)."""
    most = max((count for count in counts.values() if count), default=0)
    return [
        Tile(
            code=code,
            label=label,
            name=names.get(code, code),
            count=counts.get(code, 0),
            x=column * (TILE + GAP),
            y=row * (TILE + GAP),
            shade=shade_of(counts.get(code, 0), most),
            url=url_for(code) if url_for else "",
        )
        for code, (column, row, label) in sorted(TILES.items())
    ]
