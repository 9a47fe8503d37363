"""Master data of the sample world: customers and the product catalogue (contract §4).

Each product has exactly one list price in one currency, so every customer orders only from
the part of the catalogue priced in its own currency; that keeps `price_mismatch` and
`currency_mismatch` independent of each other.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path


@dataclass(frozen=True)
class Customer:
    customer_id: str
    name: str
    aliases: tuple[str, ...]
    email_domains: tuple[str, ...]
    country: str
    currency: str
    credit_limit: Decimal | None
    address: tuple[str, ...]  # printed under the name; not part of the CSV
    contact: str = "purchasing"
    date_style: str | None = None  # the buyer's ERP prints dates its own way; None: layout's


@dataclass(frozen=True)
class Product:
    sku: str
    description: str
    unit: str
    unit_price: Decimal
    currency: str


def _c(
    cid: str,
    name: str,
    aliases: str,
    domains: str,
    country: str,
    currency: str,
    limit: str,
    address: str,
) -> Customer:
    return Customer(
        customer_id=cid,
        name=name,
        aliases=tuple(a for a in aliases.split("|") if a),
        email_domains=tuple(d for d in domains.split("|") if d),
        country=country,
        currency=currency,
        credit_limit=Decimal(limit) if limit else None,
        address=tuple(address.split("|")),
    )


_DATE_STYLES = {"C0010": "long_de", "C0011": "slash_dmy", "C0013": "long_fr", "C0015": "iso"}

_CUSTOMERS: tuple[Customer, ...] = (
    _c("C0001", "Northwind Traders Ltd.", "Northwind Traders|Northwind", "northwind.co.uk",
       "GB", "GBP", "20000", "12 Harbour Rd|Portsmouth PO1 2AB|United Kingdom"),
    _c("C0002", "Bergmann Maschinenbau GmbH", "Bergmann Maschinenbau", "bergmann-mb.de",
       "DE", "EUR", "50000", "Industriestraße 14|70565 Stuttgart|Deutschland"),
    _c("C0003", "Hudson Valley Fabrication Inc.", "Hudson Valley Fab|HV Fabrication",
       "hvfab.com", "US", "USD", "", "418 River Street|Kingston, NY 12401|USA"),
    _c("C0004", "Atelier Lemoine SARL", "Atelier Lemoine|Lemoine", "atelier-lemoine.fr",
       "FR", "EUR", "15000", "7 rue des Tanneurs|69002 Lyon|France"),
    _c("C0005", "Shenzhen Huaxin Electronics Co., Ltd.", "深圳华信电子有限公司|Huaxin Electronics",
       "huaxin-elec.cn", "CN", "CNY", "500000",
       "深圳市南山区科技园路88号|Shenzhen 518057|China"),
    _c("C0006", "Maple Ridge Industrial Supply Ltd.", "Maple Ridge Industrial|Maple Ridge",
       "mapleridge-is.ca", "CA", "CAD", "", "2250 Lougheed Hwy|Maple Ridge, BC V2X 2T7|Canada"),
    _c("C0007", "Van der Berg Techniek B.V.", "Van der Berg Techniek|VDB Techniek",
       "vdbtechniek.nl", "NL", "EUR", "25000", "Havenweg 31|3011 AB Rotterdam|Nederland"),
    _c("C0008", "Alpenwerk AG", "Alpenwerk", "alpenwerk.ch|alpenwerk.com", "CH", "CHF", "40000",
       "Bahnhofstrasse 52|6300 Zug|Schweiz"),
    _c("C0009", "Great Lakes Tooling LLC", "Great Lakes Tooling", "gltooling.com", "US", "USD",
       "5000", "900 W Fulton Market|Chicago, IL 60607|USA"),
    _c("C0010", "Kessler & Söhne KG", "Kessler und Söhne|Kessler & Soehne KG", "kessler-soehne.de",
       "DE", "EUR", "", "Am Mühlbach 3|80331 München|Deutschland"),
    _c("C0011", "Pemberton Engineering plc", "Pemberton Engineering", "pemberton-eng.co.uk",
       "GB", "GBP", "60000", "Unit 4, Castle Park|Leeds LS12 6QT|United Kingdom"),
    _c("C0012", "Ningbo Ocean Fasteners Co., Ltd.", "宁波海洋紧固件有限公司|Ocean Fasteners",
       "nbocean.com.cn", "CN", "CNY", "", "宁波市北仑区港口路16号|Ningbo 315800|China"),
    _c("C0013", "Rivière Équipements SAS", "Riviere Equipements|Rivière Équipements",
       "riviere-equip.fr", "FR", "EUR", "30000", "45 avenue Jean Jaurès|33000 Bordeaux|France"),
    _c("C0014", "Pacific Coast Robotics Corp.", "Pacific Coast Robotics|PC Robotics",
       "pcrobotics.com", "US", "USD", "100000", "1550 Bayshore Blvd|San Mateo, CA 94402|USA"),
    _c("C0015", "Toronto Precision Parts Inc.", "Toronto Precision Parts", "torontoprecision.ca",
       "CA", "CAD", "30000", "75 Queen St E|Toronto, ON M5C 1R8|Canada"),
    _c("C0016", "Zürcher Feinmechanik GmbH", "Zuercher Feinmechanik|ZFM", "zfm.ch", "CH", "CHF",
       "", "Hardturmstrasse 120|8005 Zürich|Schweiz"),
)  # fmt: skip

CUSTOMERS: tuple[Customer, ...] = tuple(
    replace(c, date_style=_DATE_STYLES.get(c.customer_id)) for c in _CUSTOMERS
)

# Buyers deliberately absent from master data (the `unknown_customer` case).
UNKNOWN_CUSTOMERS: tuple[Customer, ...] = (
    _c("", "Blackwater Marine Services Ltd.", "", "blackwater-marine.co.uk", "GB", "GBP", "",
       "3 Quay Lane|Falmouth TR11 3HF|United Kingdom"),
    _c("", "Sonnenfeld Agrartechnik GmbH", "", "sonnenfeld-agrar.de", "DE", "EUR", "",
       "Feldweg 9|49377 Vechta|Deutschland"),
    _c("", "Suministros Industriales Levante S.L.", "", "sumlevante.es", "ES", "EUR", "",
       "Polígono Industrial Fuente del Jarro|C/ Ciudad de Sevilla 41|46988 Paterna (Valencia)"),
    _c("", "Officine Meccaniche Bresciane S.r.l.", "", "omb-brescia.it", "IT", "EUR", "",
       "Via Orzinuovi 112|25125 Brescia (BS)|Italia"),
    _c("", "St. Brigid Regional Medical Center", "", "stbrigid-health.org", "US", "USD", "",
       "2400 Lakeview Avenue|Erie, PA 16505|USA"),
    _c("", "Manufacturas Metálicas del Bajío, S.A. de C.V.", "", "mmbajio.com.mx", "MX", "USD",
       "", "Av. de las Industrias 4120|Parque Industrial Querétaro|76220 Querétaro, Qro.|México"),
    _c("", "Kitahama Shoji Co., Ltd.", "", "kitahama-shoji.co.jp", "JP", "USD", "",
       "2-5-11 Kitahama, Chuo-ku|Osaka 541-0041|Japan"),
    _c("", "Metalúrgica Vale do Paraíba Ltda.", "", "metalvale.com.br", "BR", "USD", "",
       "Av. Brasil 3150, Distrito Industrial|12244-000 São José dos Campos - SP|Brasil"),
    _c("", "Strojírny Vysočina s.r.o.", "", "strojirny-vysocina.cz", "CZ", "EUR", "",
       "Jihlavská 2214/18|591 01 Žďár nad Sázavou|Česká republika"),
    _c("", "Ege Makina Sanayi ve Ticaret A.Ş.", "", "egemakina.com.tr", "TR", "EUR", "",
       "Atatürk Organize Sanayi Bölgesi 10005 Sokak No: 12|35620 Çiğli / İzmir|Türkiye"),
    _c("", "Steirische Fördertechnik GmbH", "", "st-foerdertechnik.at", "AT", "EUR", "",
       "Liebenauer Hauptstraße 312|8041 Graz|Österreich"),
)  # fmt: skip


def _p(sku: str, description: str, unit: str, price: str, currency: str) -> Product:
    return Product(sku, description, unit, Decimal(price), currency)


_CATALOGUE_ROWS: tuple[tuple[str, str, str, str], ...] = (
    # USD: dashed codes and 8-digit numbers
    ("AX-1000", "Hex bolt M8x40, zinc plated", "EA", "0.42"),
    ("AX-1010", "Hex nut M8, zinc plated", "EA", "0.12"),
    ("AX-1020", "Flat washer 8 mm, stainless steel A2", "EA", "0.09"),
    ("AX-2040", "Socket head cap screw M10x60, grade 12.9 black oxide", "EA", "1.35"),
    ("AX-3300", "Threaded rod M12 x 1 m, zinc plated", "EA", "6.80"),
    ("BR-220", "Ball bearing 6204-2RS", "EA", "7.95"),
    ("BR-225", "Pillow block bearing UCP205", "EA", "24.50"),
    ("10023456", "Hydraulic hose 1/2 in, SAE 100R2AT", "M", "11.40"),
    ("10023457", "Hose crimp fitting 1/2 in JIC female swivel", "EA", "8.25"),
    ("10045501", "Cutting fluid concentrate, 5 gal pail", "EA", "189.00"),
    ("TL-7781", "Carbide end mill 1/2 in, 4 flute, TiAlN coated", "EA", "42.60"),
    ("TL-7790", "Drill bit set HSS cobalt, 29 pieces", "SET", "129.00"),
    ("PK-0500", "Stretch wrap film 18 in x 1500 ft", "ROL", "23.75"),
    ("SF-1122", "Nitrile gloves, size L, box of 100", "BOX", "14.20"),
    # GBP: slash codes and P-numbers
    ("NW/2231-B", "Cable gland M20, nylon, IP68", "EA", "1.85"),
    ("NW/2240-B", "Cable tie 300 x 4.8 mm, black, pack of 100", "PAK", "4.60"),
    ("P00412", "Steel angle 40 x 40 x 4 mm, 6 m length", "EA", "38.90"),
    ("P00418", "Galvanised flat bar 50 x 6 mm, 6 m length", "EA", "29.40"),
    ("P00733", "Safety relay 24 V DC, 2 NO", "EA", "86.00"),
    ("GB-7731", "LED panel light 600 x 600, 40 W", "EA", "31.50"),
    ("GB-7735", "Emergency bulkhead light, 3 h maintained", "EA", "45.25"),
    ("GB-8100", "Armoured cable SWA 3 core 2.5 mm²", "M", "3.95"),
    ("GB-8120", "Copper earth tape 25 x 3 mm", "M", "12.80"),
    ("GB-9001", "Hi-vis vest, orange, size XL", "EA", "3.20"),
    ("GB-9002", "Safety boots S3, size 10", "EA", "54.00"),
    ("GB-9100", "Pallet truck 2500 kg, 1150 mm forks", "EA", "349.00"),
    ("GB-9200", "Workbench 1800 mm, steel frame, beech top", "EA", "412.00"),
)

_EUR_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("4711-220", "Sechskantschraube M8x40 DIN 933, verzinkt", "EA", "0.38"),
    ("4711-230", "Sechskantmutter M8 DIN 934, verzinkt", "EA", "0.11"),
    ("4711-310", "Zylinderschraube M6x20 DIN 912, 8.8", "EA", "0.24"),
    ("HB.M8X40.Z", "Hammerkopfschraube M8x40, Zink", "EA", "0.65"),
    ("HB.M10X50.Z", "Hammerkopfschraube M10x50, Zink", "EA", "0.92"),
    ("5520-100", "Kugellager 6205-2RS", "EA", "6.90"),
    ("5520-140", "Zahnriemen HTD 8M-1200, 30 mm breit", "EA", "48.50"),
    ("7300-015", "Hydrauliköl HLP 46, 20-l-Kanister", "EA", "86.40"),
    ("7300-020", "Kühlschmierstoff, wassermischbar, 10 l", "EA", "64.80"),
    ("8810-001", "Aluminiumprofil 40x40 Nut 8, Länge 2 m", "EA", "27.30"),
    ("8810-005", "Winkelverbinder 40 Nut 8, Aluminium", "EA", "2.15"),
    ("9100-340", "Schutzhandschuhe Nitril, Gr. 9, 12 Paar", "PAK", "18.60"),
    ("9100-350", "Schutzbrille, klar, EN 166", "EA", "7.40"),
    ("9200-010", "Stahlblech DC01, 2 mm, Tafel 1000 x 2000", "EA", "52.00"),
    ("9200-020", "Rundstahl S235, Ø 20 mm", "M", "4.85"),
)

_CHF_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("CH.100.200", "Linearführung 20 mm, Länge 600 mm", "EA", "148.00"),
    ("CH.100.210", "Führungswagen 20 mm, Flansch", "EA", "96.50"),
    ("CH.220.010", "Präzisionsstift Ø 6 h6 x 30", "EA", "1.45"),
    ("A-77.410", "Pneumatikzylinder Ø 32, Hub 100", "EA", "118.00"),
    ("A-77.420", "Magnetventil 5/2, G1/4, 24 V", "EA", "74.20"),
    ("A-77.500", "Druckluftschlauch PU 8 x 6 mm", "M", "2.30"),
    ("A-78.001", "Steckverschraubung gerade 8 mm, G1/4", "EA", "3.85"),
    ("CH.300.050", "Drehmomentschlüssel 20-100 Nm", "EA", "189.00"),
    ("CH.300.060", "Messschieber digital 150 mm", "EA", "64.90"),
    ("CH.400.001", "Reinigungstücher, Rolle 500 Blatt", "ROL", "21.60"),
)

_CNY_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("HX-2024-001", "贴片电容 0603 100nF", "PCS", "0.05"),
    ("HX-2024-002", "贴片电阻 0805 10kΩ", "PCS", "0.03"),
    ("HX-2024-015", "电解电容 470uF 25V", "PCS", "0.45"),
    ("HX-2024-030", "USB-C 连接器 16P", "PCS", "1.80"),
    ("8801234", "开关电源 24V 5A", "PCS", "128.00"),
    ("8801240", "步进电机 57mm 1.8°", "PCS", "96.00"),
    ("8801255", "铝合金散热片 100x100mm", "PCS", "18.50"),
    ("8801301", "防静电包装袋 200x300mm", "PAK", "35.00"),
    ("SZ-M6X20", "内六角螺钉 M6x20 不锈钢", "PCS", "0.32"),
    ("SZ-M8X30", "内六角螺钉 M8x30 不锈钢", "PCS", "0.58"),
    ("LCD-070-HD", "7寸液晶显示屏 1024x600", "PCS", "215.00"),
    ("PCB-4L-100", "四层电路板 100x80mm", "PCS", "12.80"),
)

_CAD_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("MRP-55012", "Lag screw 3/8 x 4 in, galvanized", "EA", "0.86"),
    ("MRP-55020", "Carriage bolt 1/2 x 6 in, galvanized", "EA", "1.92"),
    ("MRP-60100", "Pressure treated lumber 2x6 x 12 ft", "EA", "18.40"),
    ("MRP-60110", "Plywood sheathing 7/16 in, 4x8", "EA", "32.75"),
    ("MRP-70015", "Silicone sealant, clear, 300 ml", "EA", "9.60"),
    ("MRP-70030", "Construction adhesive, 825 ml", "EA", "14.25"),
    ("MRP-80001", "Safety helmet Type 2, white", "EA", "27.90"),
    ("MRP-80010", "Winter work gloves, lined, pair", "PR", "12.40"),
    ("MRP-90500", "Extension cord 50 ft, 12/3 SJTW", "EA", "64.00"),
    ("MRP-90510", "Portable LED work light 5000 lm", "EA", "89.50"),
)


def _currency_of(index: int) -> str:
    return "USD" if index < 14 else "GBP"


def _build_catalogue() -> tuple[Product, ...]:
    rows: list[Product] = [
        _p(sku, desc, unit, price, _currency_of(i))
        for i, (sku, desc, unit, price) in enumerate(_CATALOGUE_ROWS)
    ]
    for currency, table in (("EUR", _EUR_ROWS), ("CHF", _CHF_ROWS), ("CNY", _CNY_ROWS),
                            ("CAD", _CAD_ROWS)):  # fmt: skip
        rows.extend(_p(sku, desc, unit, price, currency) for sku, desc, unit, price in table)
    return tuple(rows)


PRODUCTS: tuple[Product, ...] = _build_catalogue()

# Item codes that look real but are not in the catalogue (the `unknown_sku` case).
UNKNOWN_SKUS: tuple[str, ...] = ("AX-9990", "4711-999", "NW/9999-X", "MRP-99999", "HX-2024-999")


def customer(customer_id: str) -> Customer:
    return next(c for c in CUSTOMERS if c.customer_id == customer_id)


def products_in(currency: str) -> tuple[Product, ...]:
    return tuple(p for p in PRODUCTS if p.currency == currency)


def write_master(folder: Path) -> None:
    """Write customers.csv and products.csv with exactly the contract §4 columns."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "customers.csv").open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(
            ["customer_id", "name", "aliases", "email_domains", "country", "currency",
             "credit_limit"]
        )  # fmt: skip
        for c in CUSTOMERS:
            limit = "" if c.credit_limit is None else f"{c.credit_limit:.2f}"
            out.writerow(
                [c.customer_id, c.name, "|".join(c.aliases), "|".join(c.email_domains),
                 c.country, c.currency, limit]
            )  # fmt: skip
    with (folder / "products.csv").open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["sku", "description", "unit", "unit_price", "currency"])
        for p in PRODUCTS:
            out.writerow([p.sku, p.description, p.unit, f"{p.unit_price:.2f}", p.currency])
