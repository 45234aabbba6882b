#!/usr/bin/env python3
"""Typesets synthetic press digests and other documents to PDF, with the role of every printed
line, as training and test data for the line-role segmenter (issue #12).

Subcommands:
  text --gum GITDIR --out DIR      extract the openly licensed GUM texts (news, interview:
                                   Wikinews, CC BY 2.5; academic, court: CC BY 4.0) into
                                   DIR/gum.json
  gen --text DIR --out DIR IDS...  make documents (IDS: g000123 or ranges 0-99); for each ID writes
                                   docs/ID.pdf, .gold.json, .lines.jsonl, and (unless --no-dumps)
                                   .raw.txt, .layout.txt (pdftotext) and .seedlike.txt
  summary --out DIR                counts per kind, split, role

Everything is decided by a random generator seeded with (--seed, ID): the same seed and ID give
the same files. Names, outlets and places are made from the repository's word lists
(data/first-names.txt, crates/extract/data/surnames.txt, crates/extract/data/places.txt) and the
small vocabularies below; the running text comes from GUM only. See scripts/README-seg-data.md.

The layout engine is our own: every line is set and drawn here, word by word for justified text,
on reportlab's canvas, so the box of every printed line is known exactly.
Licence: MIT OR Apache-2.0, as the rest of the repository.
"""
import argparse
import datetime as dt
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# ---------------------------------------------------------------------------------------------
# 1. Text from GUM
# ---------------------------------------------------------------------------------------------

GUM_GENRES = {
    "news": "CC BY 2.5 (Wikinews)",
    "interview": "CC BY 2.5 (Wikinews)",
    "academic": "CC BY 4.0",
    "court": "CC BY 4.0",
}
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
DATE_ONLY = re.compile(r"^(?:(?:%s),?\s+)?(?:%s)\s+\d{1,2},\s+\d{4}\.?$"
                       % ("|".join(WEEKDAYS_EN), "|".join(MONTHS_EN)))


def git_show(git_dir, path):
    return subprocess.run(["git", "--git-dir", git_dir, "show", "HEAD:" + path],
                          check=True, capture_output=True).stdout.decode("utf-8")


def speaker_name(who):
    """'#DavidShankbone' -> 'David Shankbone', '#MarioJLucero' -> 'Mario J Lucero'."""
    w = who.strip('"#')
    return re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", w)


def parse_conllu(text):
    """The paragraphs of one GUM document from its .conllu file (the sentences' `# text`, the
    block type of each `# newpar_block`)."""
    meta, blocks, cur = {}, [], None
    for line in text.splitlines():
        if not line.startswith("#"):
            continue
        if line.startswith("# meta::"):
            k, _, v = line[8:].partition(" = ")
            meta[k.strip()] = v.strip()
        elif line.startswith("# newpar_block = "):
            spec = line[len("# newpar_block = "):]
            first = spec.split("|")[0].strip()
            typ = first.split()[0]
            if "figure" in spec or "caption" in spec:
                typ = "figure"
            who = None
            m = re.search(r'who:::"([^"]+)"', first)
            if m:
                who = speaker_name(m.group(1))
            if typ not in ("head", "p", "sp", "quote", "item", "figure", "list"):
                typ = "p"
            if typ == "list":
                typ = "item"
            cur = {"type": typ, "speaker": who, "sents": []}
            blocks.append(cur)
        elif line.startswith("# text = "):
            if cur is None:
                cur = {"type": "p", "speaker": None, "sents": []}
                blocks.append(cur)
            cur["sents"].append(line[len("# text = "):].strip())
    return meta, blocks


def clean_blocks(genre, blocks):
    out = []
    for b in blocks:
        sents = [s for s in b["sents"] if s]
        if not sents:
            continue
        txt = " ".join(sents)
        if "@" in txt or "http" in txt or "www." in txt:
            continue  # academic author lines, addresses
        if DATE_ONLY.match(txt):
            continue  # Wikinews prints the date as the first paragraph
        if b["type"] == "head" and len(txt) > 160:
            b = dict(b, type="p")
        out.append({"type": b["type"], "speaker": b["speaker"], "sents": sents})
    return out


def cmd_text(args):
    gd = args.gum
    if not os.path.isdir(gd):
        sys.exit("gen-digests: no GUM repository at %s (set SEG_GUM_REPO)" % gd)
    names = subprocess.run(["git", "--git-dir", gd, "ls-tree", "--name-only", "HEAD", "dep/"],
                           check=True, capture_output=True, text=True).stdout.split()
    docs = []
    for n in sorted(names):
        m = re.match(r"dep/GUM_([a-z]+)_(\w+)\.conllu$", n)
        if not m or m.group(1) not in GUM_GENRES:
            continue
        meta, blocks = parse_conllu(git_show(gd, n))
        blocks = clean_blocks(m.group(1), blocks)
        title = None
        if blocks and blocks[0]["type"] == "head":
            title = " ".join(blocks[0]["sents"])
            blocks = blocks[1:]
        docs.append({
            "id": "GUM_%s_%s" % (m.group(1), m.group(2)),
            "genre": m.group(1),
            "licence": GUM_GENRES[m.group(1)],
            "source_url": meta.get("sourceURL"),
            "author": meta.get("author"),
            "title": title or meta.get("title"),
            "blocks": blocks,
        })
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "gum.json")
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump({"source": "GUM (Zeldes 2017), github.com/amir-zeldes/gum",
                   "commit": subprocess.run(["git", "--git-dir", gd, "rev-parse", "HEAD"],
                                            capture_output=True, text=True).stdout.strip(),
                   "licences": GUM_GENRES, "docs": docs}, f, ensure_ascii=False, indent=0)
    os.replace(path + ".tmp", path)
    words = sum(len(s.split()) for d in docs for b in d["blocks"] for s in b["sents"])
    print("gen-digests: %d GUM documents, %d words -> %s" % (len(docs), words, path))


# ---------------------------------------------------------------------------------------------
# 2. Word lists and vocabularies
# ---------------------------------------------------------------------------------------------

def _lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def cap_word(w):
    if not w:
        return w
    lw = w.lower()
    if lw.startswith("mc") and len(w) > 3:
        return "Mc" + w[2].upper() + w[3:]
    if lw.startswith("o'") and len(w) > 2:
        return "O'" + w[2].upper() + w[3:]
    return w[0].upper() + w[1:]


def cap_name(s):
    return "-".join(" ".join(cap_word(w) for w in part.split(" ")) for part in s.split("-"))


class Lists:
    def __init__(self):
        self.first = [cap_name(w) for w in _lines(os.path.join(ROOT, "data/first-names.txt"))
                      if re.fullmatch(r"[a-z]{3,10}", w)]
        self.surnames = [cap_name(w) for w in
                         _lines(os.path.join(ROOT, "crates/extract/data/surnames.txt"))
                         if re.fullmatch(r"[a-z']{3,12}", w)]
        pl = []
        for w in _lines(os.path.join(ROOT, "crates/extract/data/places.txt")):
            if 4 <= len(w) <= 14 and re.fullmatch(r"[a-zà-öø-ÿ]+(?: [a-zà-öø-ÿ]+)?", w):
                pl.append(cap_name(w))
        self.places = pl
        self.places_one = [p for p in pl if " " not in p and len(p) <= 11]
        self.words = set(_lines(os.path.join(ROOT, "data/words-en.txt")))


MEDIA_NOUNS = ["Courier", "Herald", "Gazette", "Observer", "Chronicle", "Times", "Post", "Tribune",
               "Sentinel", "Examiner", "Mercury", "Record", "Bugle", "Dispatch", "Advertiser",
               "Star", "Standard", "Journal", "Review", "Monitor", "Express", "Telegraph", "Echo",
               "Clarion", "Ledger", "Register", "Argus", "Beacon", "Bulletin", "Messenger",
               "Reporter", "Leader", "Guardian", "Citizen", "Witness", "Pioneer", "Enquirer",
               "Independent", "Inquirer", "Packet", "Mail", "News", "Despatch", "Spectator"]
MEDIA_ADJ = ["Morning", "Evening", "Daily", "Weekly", "Sunday", "National", "Capital",
             "Continental", "Northern", "Southern", "Eastern", "Western", "Coastal", "Metropolitan",
             "Provincial", "Federal", "Atlantic", "Pacific", "Valley", "Highland", "Island",
             "Global", "Regional", "Free", "New", "Union"]
TOPICS = ["Trade", "Industry", "Energy", "Climate", "Defence", "Security", "Health", "Finance",
          "Transport", "Agriculture", "Science", "Technology", "Labour", "Education", "Justice",
          "Migration", "Water", "Housing", "Mining", "Shipping", "Aviation", "Tourism", "Culture",
          "Development", "Environment", "Policy", "Economics", "Commerce", "Media", "Law",
          "Fisheries", "Forestry", "Rail", "Telecoms", "Maritime", "Public Affairs", "Governance"]
PERIODICALS = ["Weekly", "Monthly", "Quarterly", "Review", "Today", "Insider", "Report",
               "Bulletin", "Journal", "Digest", "Letter", "Focus", "Week", "Times", "Briefing",
               "World", "Magazine", "Observer", "Watch"]
BROADCAST = ["Radio {P}", "{P} Radio", "{P} TV", "{P} Television", "Channel {N} News",
             "{P} Broadcasting Corporation", "{P} Public Radio", "{A} Broadcasting Service",
             "{P} FM", "Radio {A}", "TV{N} {P}", "{P} Community Radio"]
AGENCY = ["{P} News Agency", "{A} Press Agency", "{P} Press Service", "{A} News Service",
          "{P} Wire", "{A} Press Association", "{P} Information Agency", "{A} Newswire"]
THINK = ["Institute of {T} and {T2}, {P}", "{P} Institute for {T} Studies", "Centre for {T} Policy",
         "Council on {T} Relations", "The {S} Foundation", "{S} Centre for {T}",
         "{T} Policy Institute", "{P} Forum on {T} and {T2}", "Institute for {T} Research, {P}",
         "{A} Council for {T}", "The {S} Institute", "Observatory of {T}, {P}"]
FOREIGN = {
    "de": ["{P}er Allgemeine Zeitung", "{P}er Nachrichten", "Der {P}er Bote", "{P}er Tagblatt",
           "Die Wochenpost", "{P}er Rundschau", "Neue {P}er Presse", "{P}er Anzeiger",
           "Der Tagesspiegel {P}", "{P}er Volksblatt", "Wirtschaftswoche {P}"],
    "fr": ["Le Courrier de {P}", "La Gazette de {P}", "L'Écho de {P}", "Le Journal de {P}",
           "Le Républicain de {P}", "La Dépêche de {P}", "Le Progrès", "La Voix du Nord-{P}",
           "Les Nouvelles de {P}", "L'Indépendant de {P}"],
    "es": ["El Diario de {P}", "La Voz de {P}", "El Heraldo de {P}", "El Correo de {P}",
           "La Nación {P}", "El Periódico de {P}", "Noticias de {P}", "La Crónica de {P}"],
    "it": ["Il Corriere di {P}", "La Gazzetta di {P}", "Il Giornale di {P}", "Il Messaggero",
           "La Nazione di {P}", "Il Resto di {P}", "L'Eco di {P}", "Il Mattino di {P}"],
    "pt": ["O Jornal de {P}", "Diário de {P}", "Folha de {P}", "Correio de {P}",
           "Jornal do {P}", "O Comércio de {P}", "Gazeta de {P}"],
    "nl": ["Het {P}s Dagblad", "De {P}se Courant", "Nieuwsblad van {P}", "Het Parool {P}",
           "Dagblad van het {P}", "De {P}er Krant", "Algemeen Nieuws {P}"],
    "pl": ["Gazeta {P}ska", "Kurier {P}ski", "Dziennik {P}", "Głos {P}a", "Nowiny {P}",
           "Tygodnik {P}", "Rzeczpospolita {P}"],
    "tr": ["{P} Haber", "{P} Gazetesi", "Yeni {P}", "Günlük {P}", "{P} Postası", "Sabah {P}",
           "{P} Ekspres", "Hürses {P}"],
}
DOMAINS = [".com", ".org", ".net", ".co.uk", ".de", ".fr", ".eu", ".info", ".news", ".it",
           ".es", ".nl", ".pl", ".com.tr", ".ch", ".at", ".be", ".ie"]

KICKER_WORDS = ["ANALYSIS", "WORLD", "OPINION", "COMMENT", "EXCLUSIVE", "INTERVIEW", "BUSINESS",
                "POLITICS", "EUROPE", "ASIA", "AFRICA", "AMERICAS", "REGION", "NATIONAL", "LOCAL",
                "FEATURE", "EDITORIAL", "REPORT", "BRIEFING", "IN DEPTH", "NEWS", "ECONOMY",
                "SCIENCE", "HEALTH", "ENVIRONMENT", "LAW", "COURTS", "CULTURE", "TECHNOLOGY",
                "MARKETS", "DEFENCE", "DIPLOMACY", "INVESTIGATION", "FACT CHECK", "PROFILE",
                "LETTER FROM ABROAD", "THE BIG READ", "Q&A", "EXPLAINER", "DISPATCH"]
ROLES = ["Chief Correspondent", "Diplomatic Correspondent", "Staff Writer", "Political Editor",
         "Senior Reporter", "Foreign Editor", "Economics Editor", "Science Correspondent",
         "Legal Affairs Correspondent", "Europe Correspondent", "Special Correspondent",
         "Contributing Writer", "Health Reporter", "Business Reporter", "Defence Correspondent",
         "Energy Editor", "Associate Editor", "Columnist", "Correspondent", "Data Journalist"]
DEPARTMENTS = ["Press Office", "Communications Unit", "Media Monitoring Service",
               "Public Affairs Division", "Information Department", "Documentation Centre",
               "Research Service", "Secretariat", "Press and Information Office",
               "External Relations Team"]
ORG_WORDS = ["Ministry of {T}", "Department of {T}", "{P} City Council", "{T} Commission",
             "{A} Union of {T} Workers", "{P} Chamber of Commerce", "{T} Authority",
             "{A} Association of {T} Professionals", "{P} Regional Office", "The {T} Network",
             "{P} University", "Office of the {T} Ombudsman", "{A} {T} Federation"]
DIGEST_NAMES = ["Press Digest", "Media Review", "Daily Clippings", "Press Summary", "News Monitor",
                "Press Cuttings", "Media Digest", "Morning Briefing", "Weekly Press Review",
                "Clippings", "News Roundup", "Media Monitor", "Press Review", "Daily Digest",
                "Revue de presse", "Pressespiegel", "Rassegna stampa", "Resumen de prensa",
                "Persoverzicht", "Przegląd prasy", "Basın özeti", "Clipping de imprensa"]
NEWSLETTER_NAMES = ["Newsletter", "Bulletin", "News", "Update", "Letter", "Notes", "Courier",
                    "Circular", "Gazette", "Dispatch", "Round-up", "Briefing", "Messenger"]
SIDEBAR_TITLES = ["Key facts", "About the author", "Background", "In numbers", "Timeline",
                  "At a glance", "What happens next", "Fact box", "Did you know?", "Context",
                  "The numbers", "Who is who", "Key dates"]
NONENG_SNIPPETS = {"de": "Quelle", "fr": "Source", "es": "Fuente", "it": "Fonte", "pt": "Fonte",
                   "nl": "Bron", "pl": "Źródło", "tr": "Kaynak"}

# dates ---------------------------------------------------------------------------------------
MONTHS = {
    "en": MONTHS_EN,
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
           "outubro", "novembro", "dezembro"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"],
    "pl": ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
           "września", "października", "listopada", "grudnia"],
    "tr": ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül",
           "Ekim", "Kasım", "Aralık"],
}
WEEKDAYS = {
    "en": WEEKDAYS_EN,
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "it": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
    "pt": ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
           "sábado", "domingo"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    "pl": ["poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"],
    "tr": ["Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"],
}


def _abbr(m):
    return m[:3]


DATE_FORMATS = {
    # name: (language, function(date, time) -> str)
    "en_mdy": ("en", lambda d, t: "%s %d, %d" % (MONTHS_EN[d.month - 1], d.day, d.year)),
    "en_dmy": ("en", lambda d, t: "%d %s %d" % (d.day, MONTHS_EN[d.month - 1], d.year)),
    "en_wdmy": ("en", lambda d, t: "%s, %d %s %d" % (WEEKDAYS_EN[d.weekday()], d.day,
                                                     MONTHS_EN[d.month - 1], d.year)),
    "en_wmdy": ("en", lambda d, t: "%s, %s %d, %d" % (WEEKDAYS_EN[d.weekday()],
                                                      MONTHS_EN[d.month - 1], d.day, d.year)),
    "en_abbr_mdy": ("en", lambda d, t: "%s %d, %d" % (_abbr(MONTHS_EN[d.month - 1]), d.day,
                                                      d.year)),
    "en_abbr_dot_dmy": ("en", lambda d, t: "%d %s%s %d" % (
        d.day, _abbr(MONTHS_EN[d.month - 1]), "" if d.month == 5 else ".", d.year)),
    "en_caps_dmy": ("en", lambda d, t: "%02d %s %d" % (d.day, _abbr(MONTHS_EN[d.month - 1]).upper(),
                                                       d.year)),
    "en_caps_mdy": ("en", lambda d, t: "%s %d, %d" % (MONTHS_EN[d.month - 1].upper(), d.day,
                                                      d.year)),
    "en_ord_dmy": ("en", lambda d, t: "%d%s %s %d" % (d.day, _ordinal(d.day),
                                                      MONTHS_EN[d.month - 1], d.year)),
    "en_abbr_wdmy": ("en", lambda d, t: "%s %d %s %d" % (WEEKDAYS_EN[d.weekday()][:3], d.day,
                                                         _abbr(MONTHS_EN[d.month - 1]), d.year)),
    "en_dmy_time": ("en", lambda d, t: "%d %s %d, %02d:%02d" % (d.day, MONTHS_EN[d.month - 1],
                                                                d.year, t[0], t[1])),
    "en_mdy_ampm": ("en", lambda d, t: "%s %d, %d %d:%02d %s" % (
        _abbr(MONTHS_EN[d.month - 1]), d.day, d.year, (t[0] - 1) % 12 + 1, t[1],
        "PM" if t[0] >= 12 else "AM")),
    "dot_dmy": ("num", lambda d, t: "%02d.%02d.%d" % (d.day, d.month, d.year)),
    "dot_dmy_short": ("num", lambda d, t: "%d.%d.%d" % (d.day, d.month, d.year)),
    "slash_mdy": ("num", lambda d, t: "%d/%d/%d" % (d.month, d.day, d.year)),
    "slash_dmy": ("num", lambda d, t: "%02d/%02d/%d" % (d.day, d.month, d.year)),
    "iso": ("num", lambda d, t: d.isoformat()),
    "iso_slash": ("num", lambda d, t: "%d/%02d/%02d" % (d.year, d.month, d.day)),
    "iso_time": ("num", lambda d, t: "%s %02d:%02d" % (d.isoformat(), t[0], t[1])),
    "dot_dmy_time": ("num", lambda d, t: "%02d.%02d.%d, %02d:%02d" % (d.day, d.month, d.year,
                                                                     t[0], t[1])),
    "de": ("de", lambda d, t: "%d. %s %d" % (d.day, MONTHS["de"][d.month - 1], d.year)),
    "de_w": ("de", lambda d, t: "%s, %d. %s %d" % (WEEKDAYS["de"][d.weekday()], d.day,
                                                   MONTHS["de"][d.month - 1], d.year)),
    "fr": ("fr", lambda d, t: "%s %s %d" % ("1er" if d.day == 1 else str(d.day),
                                            MONTHS["fr"][d.month - 1], d.year)),
    "fr_w": ("fr", lambda d, t: "%s %d %s %d" % (WEEKDAYS["fr"][d.weekday()], d.day,
                                                 MONTHS["fr"][d.month - 1], d.year)),
    "es": ("es", lambda d, t: "%d de %s de %d" % (d.day, MONTHS["es"][d.month - 1], d.year)),
    "it": ("it", lambda d, t: "%d %s %d" % (d.day, MONTHS["it"][d.month - 1], d.year)),
    "pt": ("pt", lambda d, t: "%d de %s de %d" % (d.day, MONTHS["pt"][d.month - 1], d.year)),
    "nl": ("nl", lambda d, t: "%d %s %d" % (d.day, MONTHS["nl"][d.month - 1], d.year)),
    "pl": ("pl", lambda d, t: "%d %s %d" % (d.day, MONTHS["pl"][d.month - 1], d.year)),
    "tr": ("tr", lambda d, t: "%d %s %d" % (d.day, MONTHS["tr"][d.month - 1], d.year)),
    "de_abbr": ("de", lambda d, t: "%d. %s %d" % (d.day, MONTHS["de"][d.month - 1][:3] + (
        "" if len(MONTHS["de"][d.month - 1]) <= 4 else "."), d.year)),
}
DATE_PREFIXES = ["", "", "", "", "Published: ", "Published ", "Posted on ", "Date: ", "Dated ",
                 "Updated: ", "Printed edition, "]
DATE_PREFIXES_FOR = {"de": ["Veröffentlicht am ", "Stand: "], "fr": ["Publié le ", "Le "],
                     "es": ["Publicado el "], "it": ["Pubblicato il "], "pt": ["Publicado em "],
                     "nl": ["Gepubliceerd op "], "pl": ["Opublikowano "], "tr": ["Yayın: "]}


def _ordinal(n):
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def fmt_date(name, d, t=(9, 30)):
    return DATE_FORMATS[name][1](d, t)


def dateline_date(rng, d, lang):
    """A dateline's short date: 'May 5', '5 May', '5. Mai' (no year)."""
    m = MONTHS[lang if lang in MONTHS else "en"][d.month - 1]
    if lang == "en":
        return rng.choice(["%s %d" % (m, d.day), "%d %s" % (d.day, m),
                           "%s. %d" % (m[:3], d.day) if len(m) > 4 else "%s %d" % (m, d.day)])
    if lang == "de":
        return "%d. %s" % (d.day, m)
    if lang in ("es", "pt"):
        return "%d de %s" % (d.day, m)
    return "%d %s" % (d.day, m)


# ---------------------------------------------------------------------------------------------
# 3. Names, outlets, bylines
# ---------------------------------------------------------------------------------------------

PARTICLES = ["van", "van der", "van den", "de", "de la", "da", "di", "von", "al-", "el-", "bin",
             "le", "du", "dos", "ten", "del", "ibn", "Mac", "ter"]
TITLES = ["Dr.", "Prof.", "Dr", "Professor", "Rev.", "Sir", "Dame", "Sen.", "Ambassador",
          "Prof. Dr.", "Mgr."]


# Given names from many countries (hand-written, common names; no third-party list). Mixed with
# the US census given names and with the surnames below and in crates/extract/data/surnames.txt.
WORLD_GIVEN = """
Agnieszka Aleksandra Bogdan Bożena Dariusz Dmitri Dragan Elżbieta Grzegorz Irina Ivana Jaroslav
Jelena Katarzyna Krzysztof Ludmila Łukasz Małgorzata Milan Miroslav Natalia Nikolai Oksana Olga
Pavel Petar Radek Sergei Stanislav Svetlana Tatiana Tomasz Vesna Vladimir Wojciech Yuri Zdeněk
Zofia Zoran Agata Boris Branka Dušan Goran Hana Jiří Kamila Marek Milica Nadia Olena Piotr
Radoslav Taras Vera Zuzana Andrii Mykola Bohdan Anatoliy Halyna Iryna
Astrid Bjørn Dagny Eirik Elin Frida Gunnar Hanne Ingrid Kari Lars Linnea Magnus Maja Nils Per
Ragnhild Sigrid Solveig Sven Tove Ulf Vigdis Åsa Henrik Kjersti Mikko Aino Jukka Sanna Päivi
Tuomas Katrín Guðrún Einar Ásgeir Freya Leif Ingeborg
Adrián Agustín Alejandro Amélie Andrea Aurélie Beatriz Benoît Carmen Chiara Cristina Diego Élodie
Emilio Fabrice Federico Francesca François Gaëlle Giacomo Giulia Gonçalo Guillaume Inês Isabel
Jérôme João Joaquín Lorenzo Luca Lucía Manuel Margaux Matteo Mercedes Nuno Pilar Raúl Rocío
Sébastien Sofía Thérèse Vincenzo Ximena Yolanda Ioana Mihai Andreea Florin Radu Alessandro
Benedetta Camille Delphine Enrique Estelle Gianluca Leonor Marisol Paulo Rafael Valentina Camila
Mateo Santiago Renata Paola Joaquim Thiago Rodrigo Fernanda Ignacio Hélène Yannick Solène Bruno
Ahmet Ayşe Barış Burak Cem Deniz Elif Emre Esra Fatma Gökhan Hakan Hülya İlker Kemal Leyla
Mehmet Merve Murat Nur Özge Selin Serkan Tuğba Ufuk Yasemin Zeynep Oğuz Cansu Volkan
Abdullah Ahmad Aisha Amal Amira Bilal Dalia Fadi Farah Fatima Hamza Hassan Hind Ibrahim Jamal
Karim Khalid Layla Lina Mahmoud Mariam Mohammed Mona Mustafa Nabil Nour Omar Rania Rashid Salma
Samir Tariq Walid Yasmin Youssef Zainab Ziad Huda Faisal Rami Sami Yousra Hiba Anas
Ali Arash Azadeh Babak Dariush Farhad Golnar Hamid Kaveh Laleh Mahnaz Mehdi Mina Nasrin Parisa
Reza Roya Shirin Siamak Soraya Yasaman Kourosh Negar Ramin
Aarav Abhishek Aditi Amit Ananya Anil Anjali Arjun Deepa Divya Ganesh Gaurav Harpreet Imran
Kavita Kiran Lakshmi Manoj Meera Nikhil Nisha Pooja Pradeep Priya Rahul Rajesh Ravi Rohan
Sanjay Shreya Sunita Suresh Tanvir Vikram Zara Farhana Nadeem Sadia Ayesha Nimal Chamari Bishnu
Sita Gurpreet Rukhsana Asif Shabnam Arvind Lalitha Venkat
Wei Jing Xiaoming Yan Hui Jun Min Lei Fang Hao Mei Ling Jian Xin Zhiwei Haruka Hiroshi Kenji
Yuki Aiko Takeshi Naoko Sakura Daisuke Emi Kaito Ryo Yumi Minjun Jiwoo Seoyeon Hyun Jiyeon
Sungmin Eunji Dong-hyun Ji-hoon Soo-jin Thanh Linh Minh Huong Tuan Anh Somchai Niran Malee Siti
Budi Dewi Putri Agus Nurul Rizal Joko Aung Thida Xiaoli Yong Haruto Kazuo Mai
Abebe Adaeze Adwoa Akua Amara Ama Asha Babajide Bongani Chidi Chiamaka Chinedu Chipo Dawit Efua
Emeka Fatou Folake Ibrahima Kofi Kwame Kwabena Lindiwe Mamadou Moussa Ngozi Nia Nkechi Nomvula
Obinna Oluwaseun Sipho Tendai Thabo Tunde Wanjiru Yaw Zodwa Aminata Awa Ousmane Seydou Mulugeta
Tsegaye Makena Otieno Jabari Neema Kagiso Thandiwe Yetunde Chukwuma Mariama
Alexandros Anastasia Christos Dimitra Eleni Georgios Ioannis Katerina Konstantinos Nikos
Panagiotis Stavros Vasiliki Yannis Despina Evangelos Theodora Kostas Athina
Avi Noa Yael Eitan Tamar Lior Arman Anahit Tigran Nino Giorgi Levan Tamari Zsófia László
Gábor Katalin Zoltán Réka Ágnes Rūta Ieva Mindaugas Līga Kristaps Kadri Tiit Sanne Joost Bram
Femke Lotte Pieter Jürgen Dieter Annika Heike Ulrike Wolfgang Katrin Steffen Matthias Maricel
Rowena Dalisay Aigerim Nursultan Dilnoza Aziz Bakhyt Gulnara Timur Saule Batbayar Oyuna Kalani
Aroha Sione Mereana Tavita
""".split()

# Surnames from many countries, mixed with the census surnames (hand-written, common ones).
WORLD_SURNAMES = """
Nowak Kowalski Wiśniewska Dąbrowski Lewandowski Zieliński Szymańska Woźniak Kamiński Kowalczyk
Novák Svoboda Dvořák Černý Procházka Kovačević Petrović Jovanović Nikolić Popović Marković
Ivanova Petrov Smirnov Volkov Sokolova Kuznetsov Morozova Shevchenko Bondarenko Kovalenko
Tkachenko Melnyk Horvat Babić Georgiev Dimitrova Stoyanov
Andersen Johansson Karlsson Nilsson Eriksson Larsen Hansen Pedersen Nielsen Lindqvist Berg
Haugen Dahl Lund Virtanen Korhonen Mäkinen Nieminen Jónsdóttir Sigurðsson Halvorsen Strand
Bergström Holm Sandberg
García Fernández González Rodríguez López Martínez Sánchez Pérez Romero Navarro Rossi Russo
Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Gallo Conti Moretti Silva Santos
Ferreira Pereira Oliveira Costa Rodrigues Martins Sousa Carvalho Dubois Bernard Lefèvre Moreau
Laurent Girard Rousseau Fontaine Chevalier Mercier Popescu Ionescu Dumitrescu Constantin
Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın Arslan Doğan Kılıç Aslan Çetin Koç Kurt
Özdemir Erdem
Haddad Khoury Mansour Nasser Saleh Hamdan Abboud Farouk Hassan Ibrahim Khalil Masri Qasim Rahman
Sabbagh Shaheen Suleiman Zaki Darwish Habib Jaber Najjar Odeh Bakri
Ahmadi Hosseini Karimi Mohammadi Rahimi Rezaei Sadeghi Tehrani Jafari Moradi Shirazi Ghorbani
Farahani Esfahani
Sharma Patel Singh Gupta Kumar Reddy Iyer Nair Chatterjee Banerjee Mukherjee Das Rao Joshi Mehta
Khan Chaudhry Qureshi Siddiqui Hussain Malik Ahmed Perera Fernando Bhattarai Shrestha Thapa
Desai Kapoor Verma Pillai
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin He Gao Luo Tanaka Suzuki
Sato Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Kim Lee Park Choi
Jung Kang Cho Yoon Jang Lim Nguyen Tran Le Pham Hoang Vu Dang Bui Ngo Kusuma Hidayat Lestari
Setiawan Tan Wong Ong Chua Thein Reyes Cruz Bautista Srisuk Wongsakul
Okafor Okeke Nwosu Adeyemi Balogun Mensah Asante Owusu Boateng Osei Diallo Traoré Keita Ndiaye
Diop Sow Coulibaly Kamara Kiplagat Mwangi Kamau Njoroge Dlamini Nkosi Ndlovu Mokoena Khumalo
Moyo Banda Phiri Tembo Mutua Haile Tesfaye Bekele Girma
Papadopoulos Papadopoulou Georgiou Nikolaidis Konstantinou Dimitriou Christodoulou Vlachos
Karagiannis Oikonomou Alexiou Ioannou Pappas
Cohen Levi Mizrahi Friedman Katz Avraham Petrosyan Grigoryan Hakobyan Beridze Kapanadze Nagy
Kovács Tóth Szabó Varga Kazlauskas Bērziņš Tamm Saar Jansen Bakker Visser Smit Müller Schmidt
Schneider Fischer Weber Wagner Becker Hoffmann Karimov Tursunov Ganbaatar Ngata Tuilagi
""".split()

# particles with surnames of the same language
PARTICLE_SURNAMES = {
    "van der": ["Berg", "Meer", "Linden", "Veen", "Heijden", "Wal", "Zee"],
    "van den": ["Bosch", "Broek", "Berg", "Heuvel"],
    "van": ["Dijk", "Leeuwen", "Dam", "Rijn", "Beek", "Vliet"],
    "de": ["Jong", "Vries", "Boer", "Souza", "Oliveira", "Luca", "Groot", "Wit"],
    "de la": ["Cruz", "Fuente", "Torre", "Vega", "Rosa", "Peña", "Fontaine"],
    "del": ["Río", "Castillo", "Valle", "Monte"],
    "da": ["Silva", "Costa", "Cunha", "Rocha"],
    "dos": ["Santos", "Reis", "Anjos"],
    "di": ["Stefano", "Marco", "Giovanni", "Pietro"],
    "von": ["Berg", "Arnim", "Stein", "Hagen"],
    "al-": ["Rashid", "Amin", "Masri", "Hashimi", "Zahrani", "Otaibi", "Saadi", "Khatib",
            "Sayed", "Qasimi"],
    "el-": ["Sayed", "Masry", "Din", "Baz", "Khoury"],
    "bin": ["Abdullah", "Ahmad", "Ismail", "Osman", "Yusof", "Hamid"],
    "binti": ["Hassan", "Rahman", "Ali"],
    "le": ["Roux", "Gall", "Bras", "Goff"],
    "du": ["Pont", "Bois", "Plessis", "Toit"],
    "ter": ["Horst", "Haar", "Steege"],
    "ten": ["Cate", "Brink", "Hove"],
    "dela": ["Cruz", "Rosa", "Paz"],
    "Abu": ["Bakr", "Hamdan", "Zaid"],
}


class Namer:
    def __init__(self, lists, rng):
        self.L = lists
        self.rng = rng
        # share of given names and surnames from the world lists above (per document)
        self.world_p = rng.choice([0.2, 0.4, 0.5, 0.6, 0.8])

    def place(self):
        return self.rng.choice(self.L.places)

    def place1(self):
        return self.rng.choice(self.L.places_one)

    def surname1(self, world=None):
        r = self.rng
        if world is None:
            world = r.random() < self.world_p
        return r.choice(WORLD_SURNAMES if world else self.L.surnames)

    def surname(self, world=None):
        r = self.rng
        s = self.surname1(world)
        x = r.random()
        if x < 0.06:
            # a particle with a surname of its language: "van der Berg", "al-Rashid", "bin Osman"
            p = r.choice(list(PARTICLE_SURNAMES))
            s2 = r.choice(PARTICLE_SURNAMES[p])
            s = p + s2 if p.endswith("-") else p + " " + s2
        elif x < 0.10:
            p = r.choice(PARTICLES)
            if p.endswith("-"):
                s = p + s
            elif p == "Mac":
                s = "Mac" + s.lower().capitalize()
            else:
                s = p + " " + s
        elif x < 0.19:
            s = s + "-" + self.surname1()
        return s

    def given(self, world=None):
        r = self.rng
        if world is None:
            world = r.random() < self.world_p
        return r.choice(WORLD_GIVEN if world else self.L.first)

    def person(self):
        r = self.rng
        world = r.random() < self.world_p
        g = self.given(world)
        x = r.random()
        if x < 0.05:
            g = g + "-" + self.given(world)
        elif x < 0.14:
            g = g + " " + r.choice("ABCDEFGHJKLMNPRSTW") + "."
        elif x < 0.17:
            g = g[0] + "."
        # mostly a surname of the same list as the given name, sometimes the other
        return g + " " + self.surname(world if r.random() < 0.75 else None)

    def outlet(self, shape=None):
        """(name, shape)"""
        r = self.rng
        shapes = ["the_place_noun", "place_noun", "the_adj_noun", "topic_and", "think_tank",
                  "domain", "caps", "foreign", "agency", "broadcaster", "magazine",
                  "surname_report", "place_comma", "web_brand"]
        shape = shape or r.choices(shapes, weights=[12, 8, 8, 6, 6, 6, 5, 12, 6, 5, 6, 3, 3, 4])[0]
        P, P1 = self.place(), self.place1()
        A = r.choice(MEDIA_ADJ)
        N = r.choice(MEDIA_NOUNS)
        T, T2 = r.sample(TOPICS, 2)
        S = self.surname().split()[-1]
        fill = dict(P=P, A=A, T=T, T2=T2, S=S, N=str(r.randint(1, 12)))
        if shape == "the_place_noun":
            name = "The %s %s" % (P, N)
        elif shape == "place_noun":
            name = "%s %s" % (P, N)
        elif shape == "the_adj_noun":
            name = "The %s %s" % (A, N)
        elif shape == "topic_and":
            name = r.choice(["%s and %s %s", "%s & %s %s", "The %s and %s %s"]) % (
                T, T2, r.choice(PERIODICALS))
        elif shape == "think_tank":
            name = r.choice(THINK).format(**fill)
        elif shape == "domain":
            stem = r.choice([P1.lower() + "-" + r.choice(["news", "post", "today", "online",
                                                          "times", "info", "24"]),
                             P1.lower() + r.choice(MEDIA_NOUNS).lower(),
                             r.choice(MEDIA_ADJ).lower() + r.choice(MEDIA_NOUNS).lower(),
                             T.lower().replace(" ", "") + "-" + r.choice(PERIODICALS).lower()])
            stem = strip_accents(stem)
            name = r.choice(["", "", "www."]) + stem + r.choice(DOMAINS)
        elif shape == "web_brand":
            name = r.choice(["%s Online", "%s24", "%s Live", "%s.com", "%s Now", "%s Insider"]) % (
                r.choice([P1, A + " " + N, T]))
        elif shape == "caps":
            name = ("THE %s %s" % (r.choice([A, P]), N)).upper() if r.random() < 0.7 else \
                ("%s %s" % (P, N)).upper()
        elif shape == "foreign":
            lang = r.choice(list(FOREIGN))
            stem = P1
            if lang in ("de", "nl") and stem[-1] in "aeiou":
                stem = stem[:-1]
            name = r.choice(FOREIGN[lang]).format(P=stem)
            shape = "foreign_" + lang
        elif shape == "agency":
            name = r.choice(AGENCY).format(**fill)
        elif shape == "broadcaster":
            name = r.choice(BROADCAST).format(**fill)
        elif shape == "magazine":
            name = r.choice(["%s %s", "The %s %s", "%s %s"]) % (T, r.choice(PERIODICALS))
        elif shape == "surname_report":
            name = r.choice(["The %s Report", "%s's Weekly", "The %s Letter"]) % S
        elif shape == "place_comma":
            name = r.choice(["%s, %s" % (r.choice(MEDIA_NOUNS), P),
                             "%s %s, %s" % (A, N, P),
                             "Institute of %s and %s, %s" % (T, T2, P),
                             "The %s %s, %s edition" % (P1, N, r.choice(["online", "Sunday",
                                                                          "weekend", "print"])),
                             "The %s %s, %s" % (A, N, P),
                             "%s %s, %s" % (P1, r.choice(PERIODICALS), P)])
        return name, shape


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def join_names(rng, names, style=None):
    style = style or rng.choice(["and", "and", "comma_and", "amp", "semi", "comma", "pipe"])
    if len(names) == 1:
        return names[0], style
    if style in ("and", "comma_and"):
        s = ", ".join(names[:-1]) + (", and " if style == "comma_and" and len(names) > 2 else
                                     " and ") + names[-1]
    elif style == "amp":
        s = ", ".join(names[:-1]) + " & " + names[-1]
    elif style == "semi":
        s = "; ".join(names)
    elif style == "pipe":
        s = " | ".join(names)
    else:
        s = ", ".join(names)
    return s, style


BY_WORDS = {"en": ["By ", "By ", "By ", "BY ", "by ", "", "", "Words: ", "Text: ", "Report: "],
            "de": ["Von "], "fr": ["Par "], "es": ["Por "], "it": ["Di "], "pt": ["Por "],
            "nl": ["Door "], "pl": [""], "tr": [""]}
AND_WORDS = {"de": " und ", "fr": " et ", "es": " y ", "it": " e ", "pt": " e ", "nl": " en ",
             "pl": " i ", "tr": " ve "}


def make_byline(rng, namer, n_authors, lang="en", caps=False, allow_roles=True, bare=False,
                title_p=0.08):
    """(printed text, [gold author names]). bare: no "By" ("Jane Roe and Tom Poe",
    "Jane Roe, Diplomatic Correspondent", "Jane Roe | Staff Writer")."""
    names = [namer.person() for _ in range(n_authors)]
    printed = []
    for nm in names:
        p = nm
        if rng.random() < title_p:
            p = (rng.choice(["Dr.", "Prof.", "Dr", "Prof.", "Professor"]) if bare
                 else rng.choice(TITLES)) + " " + nm
        printed.append(p)
    by = "" if bare else rng.choice(BY_WORDS.get(lang, BY_WORDS["en"]))
    form = rng.random()
    if bare:
        if n_authors == 1 and allow_roles and form < 0.4:
            txt = rng.choice(["%s, %s", "%s, %s", "%s | %s", "%s — %s", "%s · %s", "%s / %s",
                              "%s (%s)"]) % (printed[0], rng.choice(ROLES))
        elif n_authors > 1 and allow_roles and form < 0.15:
            txt = join_names(rng, printed, "and")[0] + ", " + rng.choice(
                ["Staff Writers", "Correspondents", "Reporters", "Staff Reporters"])
        elif n_authors == 1 and allow_roles and form < 0.47:
            txt = "%s in %s" % (printed[0], namer.place1())
        else:
            txt = join_names(rng, printed, rng.choice(["and", "and", "comma", "comma", "comma_and",
                                                       "amp"]))[0]
    elif n_authors == 1 and allow_roles and form < 0.25:
        role = rng.choice(ROLES)
        txt = rng.choice(["%s%s, %s", "%s%s, %s", "%s%s (%s)", "%s%s — %s"]) % (by, printed[0], role)
    elif n_authors > 1 and allow_roles and form < 0.1:
        txt = by + join_names(rng, printed, "and")[0] + ", " + rng.choice(
            ["Staff Writers", "Correspondents", "Reporters", "in " + namer.place1()])
    elif n_authors == 1 and allow_roles and form < 0.35:
        txt = "%s%s in %s" % (by or "By ", printed[0], namer.place1())
    elif allow_roles and form < 0.40:
        ed = namer.person()
        txt = "Reporting by %s; editing by %s" % (join_names(rng, printed, "and")[0], ed)
    else:
        if lang != "en" and n_authors == 2:
            txt = by + printed[0] + AND_WORDS.get(lang, " and ") + printed[1]
        else:
            txt = by + join_names(rng, printed)[0]
    if caps:
        txt = txt.upper()
        names = [n.upper() for n in names]
    return txt, names


# ---------------------------------------------------------------------------------------------
# 4. Fonts, text measure, hyphenation
# ---------------------------------------------------------------------------------------------

from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen import canvas as rl_canvas  # noqa: E402

FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation",
             "/usr/share/fonts/truetype/freefont", "/usr/share/fonts/truetype/crosextra"]
# family: (serif?, regular, bold, italic, bold italic); TTF file stems, or base-14 names
FAMILIES = {
    "DejaVuSerif": (True, "DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic",
                    "DejaVuSerif-BoldItalic"),
    "DejaVuSerifCondensed": (True, "DejaVuSerifCondensed", "DejaVuSerifCondensed-Bold",
                             "DejaVuSerifCondensed-Italic", "DejaVuSerifCondensed-BoldItalic"),
    "DejaVuSans": (False, "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique",
                   "DejaVuSans-BoldOblique"),
    "DejaVuSansCondensed": (False, "DejaVuSansCondensed", "DejaVuSansCondensed-Bold",
                            "DejaVuSansCondensed-Oblique", "DejaVuSansCondensed-BoldOblique"),
    "LiberationSerif": (True, "LiberationSerif-Regular", "LiberationSerif-Bold",
                        "LiberationSerif-Italic", "LiberationSerif-BoldItalic"),
    "LiberationSans": (False, "LiberationSans-Regular", "LiberationSans-Bold",
                       "LiberationSans-Italic", "LiberationSans-BoldItalic"),
    "LiberationSansNarrow": (False, "LiberationSansNarrow-Regular", "LiberationSansNarrow-Bold",
                             "LiberationSansNarrow-Italic", "LiberationSansNarrow-BoldItalic"),
    "FreeSerif": (True, "FreeSerif", "FreeSerifBold", "FreeSerifItalic", "FreeSerifBoldItalic"),
    "FreeSans": (False, "FreeSans", "FreeSansBold", "FreeSansOblique", "FreeSansBoldOblique"),
    "Carlito": (False, "Carlito-Regular", "Carlito-Bold", "Carlito-Italic", "Carlito-BoldItalic"),
    "Caladea": (True, "Caladea-Regular", "Caladea-Bold", "Caladea-Italic", "Caladea-BoldItalic"),
    "Times": (True, "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"),
    "Helvetica": (False, "Helvetica", "Helvetica-Bold", "Helvetica-Oblique",
                  "Helvetica-BoldOblique"),
}
BASE14 = {"Times", "Helvetica"}
_font_files = {}
_registered = set()
_cmaps = {}


def _find_font_files():
    for d in FONT_DIRS:
        if os.path.isdir(d):
            for f in os.listdir(d):
                if f.endswith(".ttf"):
                    _font_files[f[:-4]] = os.path.join(d, f)


def available_families():
    if not _font_files:
        _find_font_files()
    out = []
    for fam, spec in FAMILIES.items():
        if fam in BASE14 or all(s in _font_files for s in spec[1:]):
            out.append(fam)
    return out


def font_name(fam, bold=False, italic=False):
    spec = FAMILIES[fam]
    name = spec[1 + (1 if bold else 0) + (2 if italic else 0)]
    if fam not in BASE14 and name not in _registered:
        pdfmetrics.registerFont(TTFont(name, _font_files[name]))
        _registered.add(name)
    return name


def family_chars(fam):
    """The characters every face of a family can print."""
    if fam in _cmaps:
        return _cmaps[fam]
    if fam in BASE14:
        cs = set()
        for i in range(32, 256):
            try:
                cs.add(bytes([i]).decode("cp1252"))
            except UnicodeDecodeError:
                pass
    else:
        cs = None
        for b in (False, True):
            for it in (False, True):
                f = pdfmetrics.getFont(font_name(fam, b, it))
                s = {chr(c) for c in f.face.charToGlyph}
                cs = s if cs is None else cs & s
    _cmaps[fam] = cs
    return cs


FOLD = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "•": "*",
        "\u00a0": " ", "ı": "i", "ł": "l", "Ł": "L", "ß": "ss", "·": "-", "′": "'", "″": '"',
        "−": "-", "×": "x", "≈": "~", "→": "->", "€": "EUR", "£": "GBP", "½": "1/2"}


def make_cleaner(allowed):
    cache = {}

    def clean(s):
        if s is None:
            return None
        out = []
        for c in s:
            if c in allowed or c == " ":
                out.append(c)
                continue
            r = cache.get(c)
            if r is None:
                r = FOLD.get(c)
                if r is None or any(x not in allowed for x in r):
                    r = "".join(x for x in unicodedata.normalize("NFKD", c)
                                if not unicodedata.combining(x))
                    if not r or any(x not in allowed for x in r):
                        r = "" if unicodedata.category(c).startswith("M") else "?"
                cache[c] = r
            out.append(r)
        return re.sub(r"[ \t\r\n]+", " ", "".join(out)).strip()
    return clean


# a footnote mark in running text: FNM and the mark's digits, printed raised in a smaller size
# right after the word ("(DMCA)\x071" prints "(DMCA)" and a raised "1"); the printed line's text
# has the digits without FNM
FNM = "\x07"
FNM_RE = re.compile("\x07([0-9*]+)")
SUP = 0.62  # a mark's size, as a fraction of the text's


def sw(text, font, size):
    if FNM in text:
        w = 0.0
        for k, part in enumerate(FNM_RE.split(text)):
            if part:
                w += pdfmetrics.stringWidth(part, font, size * (SUP if k % 2 else 1.0))
        return w
    return pdfmetrics.stringWidth(text, font, size)


SC = 0.78  # small capitals: the size of the letters that are lower case in the text


def sc_width(text, font, size):
    """The width of `text` printed in small capitals: its capitals (and digits, signs) at full
    size, its lower-case letters as capitals at SC of it."""
    w = 0.0
    for run, small in sc_runs(text):
        w += pdfmetrics.stringWidth(run.upper(), font, size * (SC if small else 1.0))
    return w


def sc_runs(text):
    out = []
    for ch in text:
        sm = ch.isalpha() and ch.islower()
        if out and out[-1][1] == sm:
            out[-1][0] += ch
        else:
            out.append([ch, sm])
    return out


def draw_text(c, x, y, text, font, size, sc=False):
    """drawString with footnote marks raised and small capitals: the width drawn."""
    if sc:
        x0 = x
        for run, small in sc_runs(text):
            fs = size * (SC if small else 1.0)
            c.setFont(font, fs)
            c.drawString(x, y, run.upper())
            x += pdfmetrics.stringWidth(run.upper(), font, fs)
        c.setFont(font, size)
        return x - x0
    if FNM not in text:
        c.drawString(x, y, text)
        return pdfmetrics.stringWidth(text, font, size)
    x0 = x
    for k, part in enumerate(FNM_RE.split(text)):
        if not part:
            continue
        if k % 2:
            c.setFont(font, size * SUP)
            c.drawString(x, y + size * 0.36, part)
            x += pdfmetrics.stringWidth(part, font, size * SUP)
            c.setFont(font, size)
        else:
            c.drawString(x, y, part)
            x += pdfmetrics.stringWidth(part, font, size)
    return x - x0


_asc = {}


def asc_desc(font):
    """ascent and descent (positive) as fractions of the size"""
    if font not in _asc:
        a, d = pdfmetrics.getAscentDescent(font, 1000)
        a, d = a / 1000.0, -d / 1000.0
        if not (0.5 < a < 1.2):
            a = 0.8
        if not (0.05 < d < 0.5):
            d = 0.2
        _asc[font] = (a, d)
    return _asc[font]


VOWELS = set("aeiouyàáâäãåèéêëìíîïòóôöõùúûüAEIOUYÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜ")
DIGRAPHS = {"th", "ch", "sh", "ph", "ck", "qu", "gh", "wh", "ng", "rh"}
HSUFFIXES = ["tion", "sion", "ment", "ness", "ing", "able", "ible", "ity", "ance", "ence", "ous",
             "ive", "ful", "less", "ship", "ism", "ist", "ally", "ical", "ology", "ated", "ation",
             "ular", "ient", "ward", "ling"]


class Hyphenator:
    """soft=False: only break after a real hyphen ('work-' / 'practice')."""

    def __init__(self, words, soft=True):
        self.words = words
        self.soft = soft
        self.cache = {}

    def points(self, core):
        """Break positions inside an alphabetic word, with scores."""
        if core in self.cache:
            return self.cache[core]
        pts = []
        low = core.lower()
        n = len(core)
        if n >= 6 and core.isalpha():
            for i in range(2, n - 2):
                if i < 3 and n < 8:
                    continue
                pair = low[i - 1:i + 1]
                if pair in DIGRAPHS:
                    continue
                left, right = low[:i], low[i:]
                if len(right) < 3:
                    continue
                s = 0
                if len(left) >= 3 and left in self.words and right in self.words:
                    s += 3
                if any(right == x or (right.startswith(x) and len(right) <= len(x) + 1)
                       for x in HSUFFIXES):
                    s += 2
                a, b = low[i - 1], low[i]
                if a in VOWELS and b not in VOWELS and i + 1 < n and low[i + 1] in VOWELS:
                    s += 1  # V|CV: 'ca|pital'
                elif a not in VOWELS and b not in VOWELS and low[i - 2] in VOWELS \
                        and low[i + 1] in VOWELS:
                    s += 1  # VC|CV: 'win|ter'
                if s:
                    pts.append((i, s))
        self.cache[core] = pts
        return pts

    def split(self, word, avail, font, size):
        """Break `word` so that its first part plus a hyphen fits in `avail` points:
        (first part as printed, rest, 'soft'|'hard') or None."""
        # compound: break after a real hyphen
        best = None
        for m in re.finditer(r"(?<=[A-Za-zÀ-ÿ]{2})-(?=[A-Za-zÀ-ÿ]{2})", word):
            left = word[:m.end()]
            if sw(left, font, size) <= avail:
                best = (left, word[m.end():], "hard")
        if best or not self.soft:
            return best
        m = re.fullmatch(r"([\"'“‘(\[]*)([A-Za-zÀ-ÖØ-öø-ÿ]+)([^A-Za-zÀ-ÖØ-öø-ÿ]*)", word)
        if not m:
            return None
        pre, core, post = m.groups()
        cands = [(s >= 2, i) for i, s in self.points(core)]
        cands.sort(reverse=True)
        for strong, i in cands:
            left = pre + core[:i] + "-"
            if sw(left, font, size) <= avail:
                # prefer a strong break unless a weak one is much further right
                return left, core[i:] + post, "soft"
        return None


# ---------------------------------------------------------------------------------------------
# 5. Layout engine: lines, items, columns, pages
# ---------------------------------------------------------------------------------------------

class TS:
    """A text style."""
    __slots__ = ("fam", "bold", "italic", "size", "lead", "gray")

    def __init__(self, fam, size, bold=False, italic=False, lead=None, gray=0.0):
        self.fam, self.size, self.bold, self.italic = fam, size, bold, italic
        self.lead = lead or round(size * 1.2, 2)
        self.gray = gray

    @property
    def font(self):
        return font_name(self.fam, self.bold, self.italic)

    def but(self, **kw):
        t = TS(self.fam, self.size, self.bold, self.italic, self.lead, self.gray)
        for k, v in kw.items():
            setattr(t, k, v)
        if "size" in kw and "lead" not in kw:
            t.lead = round(t.size * self.lead / self.size, 2)
        return t


class Ln:
    """One printed line (or a separately drawn piece: a drop cap, a table cell)."""
    __slots__ = ("text", "font", "size", "dx", "base", "avail", "align", "words", "role",
                 "article", "owner", "hyph", "dropcap", "gray", "page", "x0", "y0", "x1", "y1",
                 "bold", "italic", "part", "lead", "para", "sc")

    def __init__(self, text, ts, dx, base, avail, align, role, article=None, owner=None,
                 words=None, hyph=None, dropcap=False, part=None):
        self.text, self.font, self.size = text, ts.font, ts.size
        self.bold, self.italic, self.gray = ts.bold, ts.italic, ts.gray
        self.dx, self.base, self.avail, self.align = dx, base, avail, align
        self.role, self.article, self.owner = role, article, owner
        self.words, self.hyph, self.dropcap, self.part = words, hyph, dropcap, part
        self.lead = None  # a run-in lead drawn in its own type: (text, TS, width with space)
        self.para = None  # the index of the article's paragraph the line belongs to
        self.sc = False   # printed in small capitals (its text is recorded in capitals)


class Item:
    """A unit of vertical flow: a line, a gap, or an unbreakable box. foot: a box set at the
    foot of the column it falls in (the text flows on above it)."""
    __slots__ = ("h", "lns", "rects", "gap", "keep", "page", "x", "y", "w", "foot", "fnote")

    def __init__(self, h, lns=None, rects=None, gap=False, keep=False, w=0):
        self.h, self.lns, self.rects = h, lns or [], rects or []
        self.gap, self.keep, self.page, self.x, self.y, self.w = gap, keep, None, 0, 0, w
        self.foot = False
        self.fnote = False  # a footnote: set at the very foot of its column, under the others


def gap(h):
    return Item(h, gap=True)


def break_lines(words, ts, width, first_width=None, hyph=None):
    """Greedy line breaking: [(words, 'soft'|'hard'|None)]."""
    font, size = ts.font, ts.size
    space = sw(" ", font, size)
    out, cur, cur_w = [], [], 0.0
    words = list(words)
    i = 0
    while i < len(words):
        w = words[i]
        avail = first_width if (first_width is not None and not out) else width
        ww = sw(w, font, size)
        add = ww + (space if cur else 0)
        if cur_w + add <= avail + 0.01:
            cur.append(w)
            cur_w += add
            i += 1
            continue
        rem = avail - cur_w - (space if cur else 0)
        sp = None
        if rem > 3 * size and hyph is not None:
            sp = hyph.split(w, rem, font, size)
        if sp:
            cur.append(sp[0])
            out.append((cur, sp[2]))
            cur, cur_w = [], 0.0
            words[i] = sp[1]
            continue
        if not cur:
            # a word longer than the line: cut it where it must (URLs, long numbers)
            k = len(w) - 1
            while k > 1 and sw(w[:k], font, size) > avail:
                k -= 1
            out.append(([w[:k]], "cut"))
            words[i] = w[k:]
            continue
        out.append((cur, None))
        cur, cur_w = [], 0.0
    if cur:
        out.append((cur, None))
    return out


def line_base(ts, lead):
    a, d = asc_desc(ts.font)
    return (lead - (a + d) * ts.size) / 2 + a * ts.size


def set_text(text, ts, width, role, article=None, owner=None, align="l", hyph=None,
             indent=0.0, keep=False, first_keep=False, dropcap=None, part=None, dx=0.0,
             lead=None):
    """Sets a paragraph: a list of Items, one per line. align: l, r, c, j (justified but for the
    last line). dropcap: (TS of the cap, number of lines). lead: (text, TS): a run-in lead
    ('SUMMARY:', 'Mr. SMITH.') printed in its own type at the start of the first line; the
    line's text includes it."""
    words = text.split()
    if not words:
        return []
    cap_items = None
    first_width = width - indent
    lead_w = 0.0
    if lead:
        lead_w = sw(lead[0] + " ", lead[1].font, lead[1].size)
        if lead_w > width:  # a lead wider than the column: its own lines in its own type
            return set_text(lead[0], lead[1], width, role, article, owner, "l", hyph, indent,
                            keep, first_keep, None, part, dx) + \
                set_text(text, ts, width, role, article, owner, align, hyph, 0.0, keep, False,
                         None, part, dx)
        first_width -= lead_w
    if dropcap:
        cts, nl = dropcap
        letter = words[0][0]
        cw = sw(letter, cts.font, cts.size) + ts.size * 0.3
        words[0] = words[0][1:]
        if not words[0]:
            words = words[1:]
        lines = break_lines(words, ts, width - cw, None, hyph)
        if len(lines) > nl:  # rebreak the rest at full width
            rest = []
            glue = False
            for k in range(nl - 1, len(lines)):
                ln, h = lines[k]
                ln = list(ln)
                if k >= nl:
                    if glue and rest:
                        rest[-1] += ln[0]
                        ln = ln[1:]
                    rest += ln
                glue = h in ("soft", "hard", "cut")
                if glue and k >= nl and h == "soft":
                    rest[-1] = rest[-1][:-1]
            lines = lines[:nl] + break_lines(rest, ts, width, None, hyph)
        cap_items = (letter, cts, cw, nl)
    elif lead and first_width < max(4 * ts.size, 0.3 * width):
        # a lead as wide as the line stands alone on the first line
        lines = [([], None)] + break_lines(words, ts, width, None, hyph)
    else:
        lines = break_lines(words, ts, width, first_width, hyph)
    items = []
    base = line_base(ts, ts.lead)
    for k, (ln, h) in enumerate(lines):
        last = k == len(lines) - 1
        x = dx + (indent if k == 0 else 0)
        avail = width - (indent if k == 0 else 0)
        if cap_items and k < cap_items[3]:
            x = dx + cap_items[2]
            avail = width - cap_items[2]
        al = align
        if al == "j" and (last or h == "cut"):
            al = "l"
        txt = " ".join(ln)
        if lead and k == 0:
            txt = (lead[0] + " " + txt) if txt else lead[0]
        item = Item(ts.lead, [Ln(txt, ts, x, base, avail, al, role, article, owner,
                                 words=ln if al == "j" and len(ln) > 1 else None, hyph=h,
                                 part=part)], keep=keep or (first_keep and k == 0), w=width)
        if lead and k == 0:
            item.lns[0].lead = (lead[0], lead[1], lead_w)
        items.append(item)
    if cap_items:
        letter, cts, cw, nl = cap_items
        nl = min(nl, len(items))
        a, _ = asc_desc(cts.font)
        # the cap's baseline on the nl-th line's baseline
        capln = Ln(letter, cts, dx, base + (nl - 1) * ts.lead, cw, "l", role, article, owner,
                   dropcap=True, part=part)
        merged = Item(ts.lead * nl, [capln] + [i.lns[0] for i in items[:nl]], keep=keep, w=width)
        for j, it in enumerate(items[:nl]):
            it.lns[0].base += j * ts.lead
        items = [merged] + items[nl:]
    return items


class Geom:
    def __init__(self, w, h, ml, mr, mt, mb, head_h, foot_h):
        self.w, self.h, self.ml, self.mr, self.mt, self.mb = w, h, ml, mr, mt, mb
        self.head_h, self.foot_h = head_h, foot_h
        self.top = mt + head_h
        self.bottom = h - mb - foot_h
        self.width = w - ml - mr


class Page:
    def __init__(self, n):
        self.n = n
        self.items = []
        self.rules = []   # (x0, y0, x1, y1, width)
        self.furniture = []  # Items placed absolutely (headers, footers)


def layout_cols(items, ncols, H, force=True):
    """Greedy flow of items into ncols columns of height H: ([(item, col, y)], n placed).
    An item taller than a column is placed anyway only when `force` (the band starts at the top
    of a page) and it is the first of the band."""
    out = []
    col, y = 0, 0.0
    lim = H  # the column's height above the boxes set at its foot
    feet = []  # indices in out of the column's foot boxes
    i, n = 0, len(items)
    while i < n:
        it = items[i]
        if it.gap and y == 0:
            out.append((it, col, None))
            i += 1
            continue
        if it.foot and it.h < H * 0.6:
            if it.fnote:
                # under the column's other foot boxes (footnotes in their order), which move up
                s = 2.0 if any(out[k][0].fnote for k in feet) else (8.0 if feet else 0.0)
                if y + it.h + s + (0.0 if feet else 10.0) <= lim + 0.01:
                    for k in feet:
                        o = out[k]
                        out[k] = (o[0], o[1], o[2] - it.h - s)
                    out.append((it, col, H - it.h))
                    feet.append(len(out) - 1)
                    lim = min(out[k][2] for k in feet) - 10.0
                    i += 1
                    continue
            elif y + it.h + 8 <= lim + 0.01:
                lim -= it.h
                out.append((it, col, lim))
                feet.append(len(out) - 1)
                lim -= 8
                i += 1
                continue
            col += 1
            y, lim, feet = 0.0, H, []
            if col >= ncols:
                return out, i
            continue
        need = it.h
        if it.keep:
            j = i
            while j < n - 1 and items[j].keep:
                j += 1
                need += items[j].h
        if y + it.h <= lim + 0.01 and (y + need <= lim + 0.01 or y == 0 or need > H):
            out.append((it, col, y))
            y += it.h
            i += 1
            continue
        if y == 0:  # taller than a column
            if force and not any(o[2] is not None for o in out):
                out.append((it, col, y))
                y += it.h
                i += 1
                continue
            col += 1
            lim, feet = H, []
            if col >= ncols:
                return out, i
            continue
        # move the trailing keep-run of this column over too
        while out and out[-1][1] == col and out[-1][0].keep and out[-1][2] and out[-1][2] > 0 \
                and not out[-1][0].foot:
            out.pop()
            i -= 1
        col += 1
        y, lim, feet = 0.0, H, []
        if col >= ncols:
            return out, i
    return out, n


class Flow:
    def __init__(self, geom, first_top=None):
        self.g = geom
        self.pages = []
        self.first_top = first_top
        self.band = None
        self.pending = []
        self.new_page()

    def new_page(self):
        self.pages.append(Page(len(self.pages) + 1))
        self.y = self.g.top if len(self.pages) > 1 or self.first_top is None else self.first_top

    @property
    def page(self):
        return self.pages[-1]

    def cols(self, ncols, x0=None, width=None, gutter=12.0, rule=False, balance=True):
        x0 = self.g.ml if x0 is None else x0
        width = self.g.width if width is None else width
        cfg = (ncols, round(x0, 2), round(width, 2), gutter, rule)
        if cfg != self.band:
            self.close(balance)
            self.band = cfg
        return self.colw()

    def colw(self):
        ncols, x0, width, gutter, _ = self.band
        return (width - (ncols - 1) * gutter) / ncols

    def at_top(self):
        return self.y <= (self.g.top if len(self.pages) > 1 or self.first_top is None
                          else self.first_top) + 0.5

    def empty(self):
        return not self.pending

    def at_page_top(self):
        return not self.pending and self.y <= (self.g.top if len(self.pages) > 1 or
                                               self.first_top is None else self.first_top) + 0.5

    def add(self, items):
        self.pending.extend(items)
        ncols = self.band[0]
        while True:
            H = self.g.bottom - self.y
            placed, n = layout_cols(self.pending, ncols, H, force=self.at_top())
            if n == len(self.pending):
                return
            self._commit(placed)
            self.pending = self.pending[n:]
            while self.pending and self.pending[0].gap:
                self.pending.pop(0)
            self.new_page()
            if not self.pending:
                return

    def _commit(self, placed):
        ncols, x0, width, gutter, rule = self.band
        cw = (width - (ncols - 1) * gutter) / ncols
        used = [0.0] * ncols
        fn_top = {}
        notes = []  # a column's footnotes, drawn (read) after its text
        last_col = None
        for it, col, y in placed:
            if y is None:
                continue
            if col != last_col:
                self.page.items.extend(notes)
                notes, last_col = [], col
            it.page = self.page.n
            it.x = x0 + col * (cw + gutter)
            it.y = self.y + y
            used[col] = max(used[col], y + it.h)
            if it.fnote:
                fn_top[col] = min(fn_top.get(col, 1e9), it.y)
                notes.append(it)
            elif it.lns or it.rects:
                self.page.items.append(it)
        notes.sort(key=lambda it: it.y)
        self.page.items.extend(notes)
        for col, yy in fn_top.items():  # the short rule over a column's footnotes
            xx = x0 + col * (cw + gutter)
            self.page.rules.append((xx, yy - 5, xx + min(cw * 0.35, 150), yy - 5, 0.5))
        if rule and ncols > 1:
            hmax = max(used)
            for c in range(1, ncols):
                if used[c] > 0:
                    xr = x0 + c * (cw + gutter) - gutter / 2
                    self.page.rules.append((xr, self.y, xr, self.y + hmax, 0.4))
        return max(used) if used else 0.0

    def close(self, balance=True, after=8.0):
        if not self.pending:
            return
        ncols = self.band[0]
        H = self.g.bottom - self.y
        if balance and ncols > 1:
            lo = max(i.h for i in self.pending)
            hi = H
            total = sum(i.h for i in self.pending if not i.gap)
            lo = max(lo, total / ncols - 1)
            if layout_cols(self.pending, ncols, lo, force=self.at_top())[1] == len(self.pending):
                hi = lo
            while hi - lo > 1.0:
                mid = (lo + hi) / 2
                if layout_cols(self.pending, ncols, mid, force=self.at_top())[1] == len(
                        self.pending):
                    hi = mid
                else:
                    lo = mid
            H = hi
        placed, n = layout_cols(self.pending, ncols, H, force=self.at_top())
        used = self._commit(placed)
        self.pending = self.pending[n:]
        self.y += used + after
        if self.pending:  # cannot happen when add() flowed it; be safe
            self.new_page()
            rest, self.pending = self.pending, []
            self.add(rest)
            self.close(balance, after)

    def space_left(self):
        return self.g.bottom - self.y

    def page_break(self, balance=True):
        self.close(balance)
        if self.page.items or self.y > self.g.top + 1:
            self.new_page()

    def ensure(self, h, balance=True):
        """Closes the band and moves to a new page unless h points are left under it."""
        self.close(balance)
        if self.space_left() < h:
            self.new_page()


def stack(parts, w, keep=False, pad=0.0, rects=None):
    """Merges item lists into one unbreakable Item (a photo with its caption, a sidebar)."""
    out = Item(0, keep=keep, w=w)
    y = pad
    for p in parts:
        if isinstance(p, (int, float)):
            y += p
            continue
        for it in p:
            for ln in it.lns:
                ln.base += y
                out.lns.append(ln)
            for (dx, dy, rw, rh, fill, stroke, lw) in it.rects:
                out.rects.append((dx, dy + y, rw, rh, fill, stroke, lw))
            y += it.h
    out.h = y + pad
    if rects:
        out.rects = rects + out.rects
    return out


def rule_item(w, h=6.0, lw=0.5, dx=0.0, keep=False):
    return Item(h, rects=[(dx, h / 2, w, 0, None, True, lw)], keep=keep, w=w)


# ---------------------------------------------------------------------------------------------
# 6. Rendering
# ---------------------------------------------------------------------------------------------

def draw_page_items(c, H, items, records):
    for it in items:
        for (dx, dy, rw, rh, fill, stroke, lw) in it.rects:
            x, y = it.x + dx, it.y + dy
            if rh == 0:
                c.setLineWidth(lw)
                c.setStrokeGray(0.2)
                c.line(x, H - y, x + rw, H - y)
                continue
            c.setLineWidth(lw or 0.5)
            if fill is not None:
                c.setFillGray(fill)
            c.setStrokeGray(0.3)
            c.rect(x, H - y - rh, rw, rh, stroke=1 if stroke else 0, fill=1 if fill is not None else 0)
        for ln in it.lns:
            text = ln.text() if callable(ln.text) else ln.text
            ln.text = text
            c.setFont(ln.font, ln.size)
            c.setFillGray(ln.gray)
            w = sc_width(text, ln.font, ln.size) if ln.sc else sw(text, ln.font, ln.size)
            x = it.x + ln.dx
            if ln.align == "c":
                x += max(0.0, (ln.avail - w) / 2)
            elif ln.align == "r":
                x += max(0.0, ln.avail - w)
            base = it.y + ln.base
            if ln.lead:
                lt, lts, lw = ln.lead
                c.setFont(lts.font, lts.size)
                c.drawString(x, H - base, lt)
                c.setFont(ln.font, ln.size)
                rest = text[len(lt):].strip()
                if ln.words:
                    ws = [sw(t, ln.font, ln.size) for t in ln.words]
                    extra = (ln.avail - lw - sum(ws)) / max(1, len(ws) - 1)
                    xx = x + lw
                    for t, tw in zip(ln.words, ws):
                        draw_text(c, xx, H - base, t, ln.font, ln.size)
                        xx += tw + extra
                    w = ln.avail
                else:
                    if rest:
                        draw_text(c, x + lw, H - base, rest, ln.font, ln.size)
                    w = lw + sw(rest, ln.font, ln.size) if rest else sw(lt, lts.font, lts.size)
                ln.words = None
            elif ln.words:
                ws = [sw(t, ln.font, ln.size) for t in ln.words]
                extra = (ln.avail - sum(ws)) / (len(ws) - 1)
                xx = x
                for t, tw in zip(ln.words, ws):
                    draw_text(c, xx, H - base, t, ln.font, ln.size)
                    xx += tw + extra
                w = ln.avail
            else:
                draw_text(c, x, H - base, text, ln.font, ln.size, sc=ln.sc)
            if ln.sc:
                ln.text = text.upper()
            if FNM in ln.text:
                ln.text = ln.text.replace(FNM, "")
            a, d = asc_desc(ln.font)
            ln.page = it.page
            ln.x0, ln.x1 = x, x + w
            ln.y0, ln.y1 = base - a * ln.size, base + d * ln.size
            if ln.lead:
                la, ld = asc_desc(ln.lead[1].font)
                ln.y0 = min(ln.y0, base - la * ln.lead[1].size)
                ln.y1 = max(ln.y1, base + ld * ln.lead[1].size)
            records.append(ln)


class NullCanvas:
    """Takes the drawing of the pages an excerpt leaves out."""

    def __getattr__(self, name):
        return lambda *a, **k: None


def render(doc, path, keep=None):
    """Draws the document; keep=(p0, p1): only those pages go into the PDF (an excerpt), the
    others are laid out and recorded all the same."""
    g = doc.geom
    c = rl_canvas.Canvas(path, pagesize=(g.w, g.h), invariant=1, pageCompression=1)
    c.setCreator("cuttings scripts/gen-digests.py")
    null = NullCanvas()
    records = []
    for page in doc.flow.pages:
        cc = c if keep is None or keep[0] <= page.n <= keep[1] else null
        top = [it for it in page.furniture if it.y < g.h / 2]
        bottom = [it for it in page.furniture if it.y >= g.h / 2]
        for it in top + page.items + bottom:
            it.page = page.n
        draw_page_items(cc, g.h, top, records)
        cc.setStrokeGray(0.4)
        for (x0, y0, x1, y1, lw) in page.rules:
            cc.setLineWidth(lw)
            cc.line(x0, g.h - y0, x1, g.h - y1)
        draw_page_items(cc, g.h, page.items, records)
        draw_page_items(cc, g.h, bottom, records)
        cc.showPage()
    c.save()
    return records


# ---------------------------------------------------------------------------------------------
# 7. Text pool
# ---------------------------------------------------------------------------------------------

BULLETS = ["• ", "– ", "- ", "* ", "▪ "]


class TextPool:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        self.docs = [d for d in data["docs"] if len(d["blocks"]) >= 2]
        self.by_genre = {}
        for d in self.docs:
            self.by_genre.setdefault(d["genre"], []).append(d)
        self.heads = [" ".join(b["sents"]) for d in self.docs for b in d["blocks"]
                      if b["type"] == "head" and 2 <= len(" ".join(b["sents"]).split()) <= 9]

    def doc(self, rng, genres):
        gs = [g for g in genres if g in self.by_genre]
        w = [genres[g] for g in gs]
        return rng.choice(self.by_genre[rng.choices(gs, weights=w)[0]])

    def run(self, rng, target, genres=None, top=None, heads=True, speakers=True, bullets="• ",
            max_sents=6, exclude=None):
        """A stretch of paragraphs of about `target` words from one GUM document (not one of
        `exclude`, the ids already used, when it can)."""
        genres = genres or {"news": 6, "interview": 2, "academic": 1.5, "court": 1}
        for attempt in range(30):
            d = self.doc(rng, genres)
            if exclude is not None:
                if d["id"] in exclude and attempt < 25:
                    continue
                exclude.add(d["id"])
            blocks = [b for b in d["blocks"] if b["type"] != "figure"]
            figs = [" ".join(b["sents"]) for b in d["blocks"] if b["type"] == "figure"]
            if top is None:
                at_top = rng.random() < 0.5
            else:
                at_top = top
            s = 0
            if not at_top:
                s = rng.randrange(len(blocks))
                while s < len(blocks) and blocks[s]["type"] not in ("p", "sp"):
                    s += 1
                if s >= len(blocks) - 1:
                    s = 0
            title = d["title"] if s == 0 else None
            if s > 0:
                for b in reversed(blocks[:s]):
                    if b["type"] == "head":
                        title = " ".join(b["sents"])
                        break
            paras, words, i = [], 0, s
            while i < len(blocks) and words < target:
                b = blocks[i]
                i += 1
                if b["type"] == "head":
                    if heads and paras:
                        paras.append(("head", " ".join(b["sents"])))
                    continue
                sents = b["sents"]
                chunks, k = [], 0
                while k < len(sents):
                    n = rng.randint(2, max_sents) if len(sents) - k > max_sents else len(sents) - k
                    chunks.append(sents[k:k + n])
                    k += n
                for j, ch in enumerate(chunks):
                    text = " ".join(ch)
                    kind = b["type"]
                    if kind == "sp":
                        if speakers and j == 0 and b["speaker"]:
                            text = b["speaker"] + ": " + text
                        kind = "p"
                    elif kind == "item":
                        text = bullets + text
                    paras.append((kind, text))
                    words += len(text.split())
                    if words >= target:
                        break
            while paras and paras[-1][0] == "head":
                paras.pop()
            if not paras:
                continue
            used = set(id(b) for b in blocks[s:i])
            spare = [x for b in blocks if id(b) not in used and b["type"] in ("p", "sp")
                     for x in b["sents"]]
            return {"src": d["id"], "genre": d["genre"], "title": title, "paras": paras,
                    "figs": figs, "spare": spare, "speakers": sorted({b["speaker"] for b in blocks
                                                                     if b["speaker"]})}
        raise RuntimeError("no text")


TRAILING_DATE = re.compile(r"[\s,;:-]*(?:(?:%s),?\s+)?(?:%s)\s+\d{1,2},\s+\d{4}\.?$"
                           % ("|".join(WEEKDAYS_EN), "|".join(MONTHS_EN)))


def clean_title(t):
    return TRAILING_DATE.sub("", t).strip() if t else t


def synth_title(rng, sentence, lo=4, hi=11):
    sentence = re.sub(r"^[A-Z][\w.' ]{1,40}: ", "", sentence)
    sentence = re.sub(r"^(?:But|And|However|So|Also|Then|Well|Yes|No|Now|Oh|Okay|OK)\b,? ", "",
                      sentence)
    ws = sentence.split()
    for k, w in enumerate(ws):
        if k >= 5 and w.endswith((",", ";", ":")):
            ws = ws[:k + 1]
            break
    n = min(len(ws), rng.randint(lo, hi))
    ws = ws[:n]
    while ws and (ws[-1].lower().strip(",;:") in {"the", "a", "an", "of", "and", "to", "in", "for",
                                                   "on", "at", "by", "with", "or", "that", "is",
                                                   "was", "his", "her", "their", "its", "from"}):
        ws.pop()
    t = " ".join(ws).strip(" ,;:-—(\"'“")
    t = re.sub(r"[\(\[][^\)\]]*$", "", t).strip(" ,;:")
    t = t.replace('"', "").replace("“", "").replace("”", "")
    return (t[:1].upper() + t[1:]) if t else "Untitled"


SMALL = {"v.", "a", "an", "the", "of", "in", "on", "at", "for", "to", "and", "or", "but", "by", "with",
         "from", "as", "vs", "via", "per", "nor", "into", "over", "than"}


def title_case(s):
    out = []
    for k, w in enumerate(s.split()):
        if k > 0 and w.lower() in SMALL:
            out.append(w.lower() if w.islower() else w)
        elif w[:1].islower():
            out.append(w[:1].upper() + w[1:])
        else:
            out.append(w)
    return " ".join(out)


def apply_case(s, case):
    if case == "caps":
        return s.upper()
    if case == "title":
        return title_case(s)
    if case == "lower_sentence":
        return s[:1].upper() + s[1:]
    return s


# ---------------------------------------------------------------------------------------------
# 8. Documents
# ---------------------------------------------------------------------------------------------

KINDS = [("digest", 48), ("newsletter", 11), ("gazette", 8), ("record", 7), ("report", 11),
         ("single", 7), ("letters", 4), ("court", 4)]
PAGE_SIZES = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}

# metadata templates: tokens before the body | tokens after it
TEMPLATES = [
    "T D O|", "T O D|", "T OD|", "T B OD|", "T S B D O|", "K T S BO D|", "O D T B|", "OD T B|",
    "D T O|", "T BO D|", "T|tB", "T|tBO", "T D|tBO", "T O|tB", "T|tOD", "T S|tO tD",
    "K T B L|tO", "T B L|tOD", "T D B|tO", "O T S B D|", "T OD B|", "D O T S|", "K T D|tB",
    "T L|tBO", "T B|tOD", "OD|", "|tBO", "T S D|tB", "K OD T BO|", "T D O B|", "T BO|tD",
    "D T B O|", "T B O D|", "T|tB tOD", "OD T S L B|", "T O|", "T D|", "T B D|tO", "K T S|tOD",
    "T DO|", "K T|tO tD", "T S OD|", "O T D|", "T DO B|", "D|tBO", "T L|tOD",
]
TEMPLATES += [
    # bylines over the headline, between date and outlet; titles after the metadata
    "B T D|", "B T O D|", "O B T|", "D B O T|", "D O B T|", "OD B T|", "B T S|tOD", "D B T|tO",
    "O T B|", "T B O|", "O D T|",
    # byline and date on one line (BD: a byline line that prints the date too)
    "T BD|", "T S BD|", "O T BD|", "K T BD|tO", "T|tBD", "T O BD|", "BD T|tO", "T BD|tO",
    # metadata split around the body, or only after it
    "D O T|tB", "D T|tO", "O T|tD", "OD T|tB", "|tOD", "|tB tOD", "|tBD tO", "T B|tO tD",
    # standfirst after the byline
    "T B S O D|", "T B S|tOD",
]
# own items of a newsletter, gazette, record: no outlet
OWN_TEMPLATES = ["T|", "T B|", "K T|", "T D|", "T|tB", "T S B|", "T D B|", "K T S|", "T S|",
                 "T B D|", "K T B|", "T|tD", "T S|tB", "D T|", "T L|", "T B L|",
                 "T BD|", "B T|", "T B S|", "D B T|", "T|tBD", "D T|tB", "B T S|"]
# the type of bylines: the metadata type, the outlet's, italic, bold, capitals, small capitals
# (capitals a size smaller), the body's type, the body's italic
BYLINE_TYPES = ["meta", "outlet", "italic", "bold", "caps", "smallcaps", "body", "body_italic"]
OUTLET_LABELS = ["Source: ", "From ", "SOURCE: ", "Via ", "— ", "Quelle: ", "Fuente: ",
                 "Source : ", "Fonte: ", "Bron: "]
# sidebars: a filled box, a box without fill, indented without box, between rules, a box at
# the foot of a column
SIDEBAR_FORMS = ["box", "box_plain", "indent", "rules", "foot"]
ROLE_OF = {"K": "kicker", "T": "headline", "S": "standfirst", "D": "date", "O": "outlet",
           "B": "byline", "L": "dateline", "OD": "outlet_date", "DO": "outlet_date",
           "BO": "byline_outlet", "tD": "tail_date", "tO": "tail_outlet", "tB": "tail_byline",
           "tBO": "tail_byline_outlet", "tOD": "tail_outlet_date", "BD": "byline",
           "tBD": "tail_byline"}
HEADISH = {"headline", "standfirst", "kicker", "date", "dateline", "outlet", "byline",
           "byline_outlet", "outlet_date", "tail_date", "tail_outlet", "tail_byline",
           "tail_byline_outlet", "tail_outlet_date"}
BODYISH = {"body", "section_heading", "salutation", "signature"}
ALL_ROLES = ["headline", "standfirst", "kicker", "date", "dateline", "outlet", "byline",
             "byline_outlet", "outlet_date", "tail_date", "tail_outlet", "tail_byline",
             "tail_byline_outlet", "tail_outlet_date", "body", "section_heading", "salutation",
             "signature", "caption", "pull_quote", "sidebar", "table", "reference", "form",
             "running_header", "running_footer", "page_number", "running_title", "continuation",
             "masthead", "contents", "other"]
FURN_KIND = {"running_header": "header", "running_footer": "footer", "page_number": "page_number",
             "masthead": "masthead", "running_title": "title_repeat", "contents": "contents",
             "caption": "caption", "pull_quote": "pull_quote", "sidebar": "sidebar",
             "table": "table", "continuation": "other", "other": "other", "reference": "other",
             "form": "other"}
PAGENO_STYLES = ["{p}", "{p}", "- {p} -", "Page {p} of {n}", "p. {p}", "[{p}]", "{p}/{n}",
                 "— {p} —", "Page {p}", "{p} of {n}", "Pg. {p}", "Seite {p}", "({p})", "Página {p}"]
DISCLAIMERS = ["For internal use only", "CONFIDENTIAL", "Not for distribution",
               "Internal — do not forward", "Restricted circulation", "For subscribers only",
               "Copyright material: for personal reference only",
               "Reproduced under licence. Further copying prohibited.",
               "Nur für den internen Gebrauch", "Usage interne uniquement",
               "Solo per uso interno", "Uso interno", "Alleen voor intern gebruik",
               "The views expressed are those of the authors.", "Distribution: staff only",
               "All rights reserved by the respective publishers"]


REPORT_KINDS = ["Summary", "Annual Report", "Fact Sheet", "Staff Report", "Technical Report",
                "Issue Brief", "Final Report", "Interim Report", "Program Review", "Briefing Paper",
                "Guidance", "Evaluation Report", "Progress Report", "Statistical Bulletin",
                "Status Report", "White Paper", "Performance Report", "Budget Justification",
                "Implementation Plan", "Research Note", "Policy Paper", "Information Sheet",
                "Report to Congress", "Consultation Paper", "Technical Note"]
SUBHEADS = ["Eligibility", "Implementation", "Next steps", "Methodology", "Limitations",
            "Regional differences", "Costs", "Outcomes", "Data sources", "Funding and staffing",
            "{T} and {T2}", "The {t} sector", "Findings in {p}", "Recommendations", "Scope",
            "Definitions", "Oversight", "Public consultation", "Results for {y}",
            "Performance measures", "Staffing", "Technical amendments", "Enforcement",
            "Training and outreach", "Program changes", "{T} indicators", "Costs and benefits",
            "Compliance", "Reporting requirements", "Transition period", "Monitoring",
            "Effects on {t}", "Key figures", "Exemptions", "Comments received", "Background"]
EVENTS = ["Sports day", "Parents' evening", "School trip to {P}", "Open day", "Bake sale",
          "Term ends", "Staff training day (no classes)", "Annual general meeting",
          "{t} workshop", "Summer fair", "Concert in the hall", "Year {h} assembly",
          "Blood drive", "Coffee morning", "Board meeting", "Volunteer briefing",
          "Library closed", "Visit of the {t} inspector", "Information session on {t}",
          "Deadline for applications"]
QUESTION_HEADS = ["Why is this change needed?", "What does the {t} plan cover?",
                  "Who is eligible for support?", "How are the fees set?", "What happens next?",
                  "When does the rule take effect?", "How will progress be measured?",
                  "Where can I find more information?", "What did the review find?",
                  "How much will it cost?", "Who was consulted?", "What are the risks?",
                  "How does this affect {p}?", "What is a {t} permit?",
                  "What has changed since {y}?", "How can I apply?", "What is the fee?",
                  "Who pays for {t} services?", "What are the next steps for {t}?",
                  "How does the {t} programme work?", "Why does {t} matter?"]

# headlines with a person's name
HL_ROLES = ["Mayor", "Minister", "Senator", "Governor", "Judge", "Coach", "Chief Executive",
            "President", "Professor", "Dr", "Ambassador", "Councillor", "Prime Minister",
            "Commissioner", "Director", "General", "Bishop", "Chancellor", "Captain",
            "Inspector", "Rector", "Chairwoman", "Chairman", "MP", "Envoy"]
HL_VERBS = ["quits over {t}", "defends {t} plan", "calls for {t} reform", "rejects {t} deal",
            "warns of {t} crisis", "steps down after {t} row", "named head of {o}",
            "sued over {t} contract", "backs new {t} rules", "wins {t} award",
            "faces questions on {t}", "to lead {t} review", "visits {p}", "returns to {p}",
            "apologises for {t} remarks", "re-elected in {p}", "under fire over {t}",
            "unveils {t} strategy", "cleared of misconduct", "dies at {age}", "sworn in as {r}",
            "resigns", "meets {n2} in {p}", "hits back at critics", "signs {t} agreement",
            "admits {t} mistakes", "launches bid for {p} seat", "takes over at {o}"]
HL_QUOTES = ["We will not give up", "This is only the beginning", "Nobody saw it coming",
             "It was the right decision", "We need answers", "Time to act", "Not on my watch"]


GENRE_LINES = ["Daily press review", "Weekly press review", "Morning press summary",
               "Daily media summary", "Press clippings", "Daily news digest",
               "Media monitoring report", "Evening briefing", "Weekly media review",
               "International press review", "Daily selection of press articles",
               "Revue de presse quotidienne", "Tägliche Presseschau", "Rassegna stampa quotidiana"]
MONITOR_UNITS = ["Media Monitoring Unit", "Press Office", "Communications Team",
                 "Public Affairs Office", "Information Service", "Media Relations Unit",
                 "Press and Communications Department", "Documentation Service",
                 "Media Analysis Team", "Monitoring Desk"]


class Art:
    """An article being built: its printed parts and its gold."""

    def __init__(self, idx):
        self.idx = idx
        self.pre = []     # [(role, text)]
        self.post = []
        self.paras = []   # [(kind, text)]  kind: p head quote item salutation signature
        self.gold = {"title": None, "subtitle": None, "date": None, "outlet": None,
                     "authors": []}
        self.layout = {}
        self.ncols = 1
        self.span = False
        self.new_page = False
        self.dropcap = False
        self.pull = None
        self.photo = None
        self.sidebar = None
        self.table = None
        self.cont = False
        self.first_items = []
        self.align_of = {}
        self.leads = {}        # paragraph index -> (run-in lead, TS)
        self.other_tail = []   # lines after the article that are not its own ("###", filing lines)
        self.ts_over = {}      # role -> TS: this article's own type for a role (its bylines)
        self.byline_look = None
        self.items = []
        self.date_roles = set()    # the roles of the article's lines that print its date
        self.outlet_roles = set()  # ... its outlet
        self.footnotes = []        # [(paragraph index, mark, text)]


class Doc:
    def __init__(self, did, seed, lists, pool):
        self.id = did
        h = hashlib.sha256(("%s:%s" % (seed, did)).encode()).hexdigest()
        self.rng = random.Random(int(h[:16], 16))
        self.L = lists
        self.pool = pool
        self.namer = Namer(lists, self.rng)
        self.style = {}
        self.arts = []
        self.not_articles = []
        self.name = None
        self.issue_date = None
        self.deferred = []
        self.custom_slots = {}
        self.page_offset = 0
        self.used_src = set()
        self.date_strings = set()  # the issue date as printed (mastheads, running heads)
        self.name_forms = []       # the document's name as printed

    # -- style ------------------------------------------------------------------------------
    def pick(self, key, options, weights=None):
        v = self.rng.choices(options, weights=weights)[0] if weights else self.rng.choice(options)
        self.style[key] = v
        return v

    def flag(self, key, p):
        v = self.rng.random() < p
        self.style[key] = v
        return v

    def num(self, key, lo, hi, nd=1):
        v = round(self.rng.uniform(lo, hi), nd)
        self.style[key] = v
        return v

    def common_style(self, layout_weights=(25, 35, 20, 20), base14_p=0.12):
        r = self.rng
        st = self.style
        ps = self.pick("page_size", ["A4", "Letter"], [6, 4])
        W, H = PAGE_SIZES[ps]
        ml = self.num("margin_left", 30, 72)
        mr = ml if r.random() < 0.7 else round(r.uniform(30, 72), 1)
        st["margin_right"] = mr
        mt = self.num("margin_top", 28, 64)
        mb = self.num("margin_bottom", 28, 64)
        lk = self.pick("layout_kind", ["1col", "2col", "3col", "mixed"], list(layout_weights))
        if ps == "Letter" or W - ml - mr < 440:
            pass
        self.ncols = {"1col": 1, "2col": 2, "3col": 3, "mixed": r.choice([2, 3])}[lk]
        st["ncols_default"] = self.ncols
        self.gutter = self.num("gutter", 9, 26)
        self.col_rule = self.flag("gutter_rule", 0.35)
        self.balance = self.flag("balance_columns", 0.6)
        fams = available_families()
        serif = [f for f in fams if FAMILIES[f][0] and f not in BASE14]
        sans = [f for f in fams if not FAMILIES[f][0] and f not in BASE14]
        if r.random() < base14_p:
            body = r.choice(["Times", "Helvetica"])
            head = r.choice(["Times", "Helvetica"])
        else:
            body = r.choice(serif if r.random() < 0.6 else sans)
            head = body if r.random() < 0.45 else r.choice(serif + sans)
            if body in BASE14 or head in BASE14:
                head = body
        meta = r.choice([body, head])
        st["body_family"], st["head_family"], st["meta_family"] = body, head, meta
        self.fams = sorted({body, head, meta})
        allowed = None
        for f in self.fams:
            cs = family_chars(f)
            allowed = cs if allowed is None else allowed & cs
        self.clean = make_cleaner(allowed)
        n = self.ncols
        size = self.num("body_size", *{1: (9.5, 12), 2: (8.8, 11), 3: (8.5, 9.8)}[n])
        lf = self.num("leading", 1.12, 1.38, 2)
        self.body_ts = TS(body, size, lead=round(size * lf, 2))
        self.para_style = self.pick("paragraphs", ["indent", "gap", "indent_gap"], [55, 35, 10])
        self.indent = self.num("indent", 0.8 * size, 2.5 * size)
        self.para_gap = self.num("para_gap", 0.3 * size, 0.9 * size)
        self.justify = self.flag("justified", 0.55)
        self.hyphenate = self.flag("hyphenate", 0.7 if self.justify else 0.25)
        self.hyph = Hyphenator(self.L.words, soft=self.hyphenate)
        self.dropcap_p = self.num("dropcap_p", 0, 0.4, 2) if r.random() < 0.25 else 0.0
        st["dropcap_p"] = self.dropcap_p
        self.head_bold = self.flag("head_bold", 0.8)
        self.head_case = self.pick("head_case", ["title", "sentence", "caps"], [35, 45, 20])
        self.head_align = self.pick("head_align", ["l", "c"], [80, 20])
        self.head_size = self.num("head_size", max(12, size * 1.35), min(26, size * 2.6))
        self.head_span_p = self.num("head_span_p", 0, 0.9, 2) if n > 1 else 0.0
        st["head_span_p"] = self.head_span_p
        meta_size = self.num("meta_size", size * 0.8, size * 1.05)
        self.meta_ts = TS(meta, meta_size, bold=self.flag("meta_bold", 0.2),
                          italic=self.flag("meta_italic", 0.35),
                          gray=0.35 if r.random() < 0.3 else 0.0)
        self.byline_ts = self.meta_ts.but(bold=self.flag("byline_bold", 0.45),
                                          italic=self.meta_ts.italic and r.random() < 0.7)
        self.outlet_ts = self.meta_ts if r.random() < 0.6 else self.meta_ts.but(
            bold=self.flag("outlet_bold", 0.6), italic=self.flag("outlet_italic", 0.3),
            fam=r.choice([body, head, meta]))
        self.date_ts = self.meta_ts if r.random() < 0.6 else self.meta_ts.but(
            bold=self.flag("date_bold", 0.2), italic=self.flag("date_italic", 0.5),
            gray=r.choice([0.0, 0.35]))
        self.dateline_ts = self.meta_ts.but(bold=self.flag("dateline_bold", 0.5))
        self.byline_caps = self.flag("byline_caps", 0.12)
        self.outlet_caps = self.flag("outlet_caps", 0.1)
        self.kicker_ts = TS(r.choice([head, meta]), round(size * r.uniform(0.8, 1.1), 1),
                            bold=r.random() < 0.6, gray=0.3 if r.random() < 0.3 else 0.0)
        self.kicker_case = self.pick("kicker_case", ["caps", "as_is", "title"], [50, 30, 20])
        self.sf_ts = TS(r.choice([body, head]), round(size * r.uniform(1.0, 1.35), 1),
                        bold=self.flag("standfirst_bold", 0.3),
                        italic=self.flag("standfirst_italic", 0.5))
        self.tail_align = self.pick("tail_align", ["l", "r", "l"], None)
        self.dateline_caps = self.flag("dateline_caps", 0.6)
        self.xhead_ts = self.body_ts.but(bold=True, italic=r.random() < 0.2,
                                         size=round(size * r.uniform(1.0, 1.25), 1))
        self.xhead_caps = self.flag("crosshead_caps", 0.2)
        self.caption_ts = TS(r.choice([body, head, meta]), round(size * r.uniform(0.75, 0.92), 1),
                             italic=r.random() < 0.5, lead=None)
        self.date_fmt = self.pick("date_format", list(DATE_FORMATS))
        self.consistency = self.num("template_consistency", 0, 1, 2) if r.random() < 0.7 \
            else 1.0
        st["template_consistency"] = self.consistency
        # bylines without "By", their type; gaps in the head; outlets without label;
        # standfirsts; headlines with names and punctuation; captions and sidebars in the
        # body's type
        self.byline_bare_p = self.pick("byline_bare_p", [0.1, 0.3, 0.6, 0.9])
        self.byline_title_p = self.pick("byline_title_p", [0.05, 0.12, 0.25], [5, 3, 2])
        self.byline_look = self.pick("byline_type", BYLINE_TYPES,
                                     [30, 12, 12, 8, 8, 10, 12, 8])
        self.head_gap = self.pick("head_gap", ["normal", "tight", "loose"], [45, 40, 15])
        self.outlet_label = self.pick("outlet_label", OUTLET_LABELS + [""] * len(OUTLET_LABELS))
        self.comma_outlets = self.flag("comma_outlets", 0.15)
        self.sf_p = self.pick("standfirst_p", [0.0, 0.0, 0.25, 0.5, 0.8])
        sft = self.pick("standfirst_type", ["own", "italic", "between", "body_bold",
                                            "body_italic"], [30, 20, 20, 20, 10])
        if sft == "italic":
            self.sf_ts = TS(r.choice([body, head]), round(size * r.uniform(1.0, 1.2), 1),
                            italic=True, bold=r.random() < 0.2)
        elif sft == "between":
            self.sf_ts = TS(r.choice([body, head]), round(r.uniform(
                size * 1.08, max(size * 1.1, (size + self.head_size) / 2)), 1),
                bold=r.random() < 0.25, italic=r.random() < 0.25)
        elif sft == "body_bold":
            self.sf_ts = self.body_ts.but(bold=True)
        elif sft == "body_italic":
            self.sf_ts = self.body_ts.but(italic=True)
        self.hl_name_p = self.pick("headline_name_p", [0.0, 0.08, 0.2, 0.35])
        self.hl_punct_p = self.pick("headline_punct_p", [0.0, 0.08, 0.2])
        if self.flag("caption_body_type", 0.35):
            self.caption_ts = self.body_ts if r.random() < 0.75 else self.body_ts.but(italic=True)
        self.sidebar_body = self.flag("sidebar_body_type", 0.4)
        self.sidebar_form = self.pick("sidebar_form", SIDEBAR_FORMS, [40, 15, 15, 15, 15])
        self.geom = Geom(W, H, ml, mr, mt, mb, 0, 0)
        return W, H

    # -- small pieces ------------------------------------------------------------------------
    def date_text(self, d, fmt=None, prefix_p=0.15):
        r = self.rng
        fmt = fmt or self.date_fmt
        lang = DATE_FORMATS[fmt][0]
        t = (r.randint(6, 22), r.choice([0, 5, 15, 30, 45, 12, 48]))
        s = fmt_date(fmt, d, t)
        if r.random() < prefix_p:
            opts = DATE_PREFIXES if lang in ("en", "num") else DATE_PREFIXES_FOR.get(lang, [""])
            s = r.choice(opts) + s
        s = self.clean(s)
        if d == self.issue_date:
            self.date_strings.add(s)
        return s

    def kicker(self):
        r = self.rng
        x = r.random()
        if x < 0.5:
            k = r.choice(KICKER_WORDS)
        elif x < 0.75:
            k = "%s %s %s" % (r.choice(["Opinion", "Analysis", "Comment", "News", "World",
                                         "Business", "Focus"]), r.choice(["|", "/", "·", "—", ":"]),
                              r.choice(TOPICS))
        elif x < 0.9:
            k = r.choice(TOPICS)
        else:
            k = self.namer.place()
        if self.kicker_case == "caps":
            k = k.upper()
        elif self.kicker_case == "title":
            k = title_case(k.lower())
        return self.clean(k)

    def outlet(self):
        r = self.rng
        shape = None
        if self.comma_outlets and r.random() < 0.5:
            shape = r.choice(["place_comma", "place_comma", "think_tank"])
        name, shape = self.namer.outlet(shape)
        name = self.clean(name)
        if self.outlet_caps or r.random() < 0.06:
            name = self.clean(name.upper())
        return name, shape

    def byline(self, n=None, allow_roles=True):
        r = self.rng
        n = n or r.choices([1, 2, 3, 4], weights=[70, 20, 7, 3])[0]
        lang = "en" if r.random() < 0.85 else r.choice(list(BY_WORDS))
        bare = lang in ("en", "pl", "tr") and r.random() < self.byline_bare_p
        txt, names = make_byline(r, self.namer, n, lang, self.byline_caps, allow_roles, bare,
                                 self.byline_title_p)
        txt = self.clean(txt)
        names = [self.clean(x) for x in names]
        if txt.lower().startswith("reporting by"):
            names = [x for x in names if x in txt.split(";")[0]]
        return txt, names

    def byline_type(self, a):
        """The type of an article's bylines (the document's mostly): (TS, in capitals?)."""
        look = getattr(a, "byline_look", None)
        if look:
            return look
        r = self.rng
        t = self.byline_look if r.random() < max(self.consistency, 0.4) else \
            r.choice(BYLINE_TYPES)
        m = self.meta_ts
        ts = {"meta": self.byline_ts, "outlet": self.outlet_ts,
              "italic": m.but(italic=True, bold=False), "bold": m.but(bold=True, italic=False),
              "caps": m.but(italic=False), "smallcaps": m.but(size=round(m.size * 0.86, 1),
                                                               bold=False, italic=False),
              "body": self.body_ts, "body_italic": self.body_ts.but(italic=True)}[t]
        a.layout["byline_type"] = t
        a.byline_look = (ts, t in ("caps", "smallcaps"))
        a.ts_over["byline"] = a.ts_over["tail_byline"] = ts
        return a.byline_look

    def byline_as_printed(self, a, text, names):
        """A byline line's text and its authors in the article's byline type (capitals)."""
        ts, caps = self.byline_type(a)
        if caps:
            return self.clean(text.upper()), [self.clean(n.upper()) for n in names]
        return text, list(names)

    # -- metadata ----------------------------------------------------------------------------
    def sep(self):
        r = self.rng
        if "meta_sep" not in self.style:
            self.style["meta_sep"] = r.choice([" | ", " — ", ", ", " · ", " / ", " - ", "  |  "])
        if r.random() < self.consistency:
            return self.style["meta_sep"]
        return r.choice([" | ", " — ", ", ", " · ", " / ", " - "])

    def template(self, own=False):
        r = self.rng
        pool = OWN_TEMPLATES if own else TEMPLATES
        key = "doc_template_own" if own else "doc_template"
        if key not in self.style:
            self.style[key] = r.choice(pool)
        if r.random() < self.consistency:
            return self.style[key]
        return r.choice(pool)

    def fill_meta(self, a, tpl, title=None, subtitle=None, date=None, outlet=None, byline=None,
                  place=None, fmt=None):
        """Makes the printed metadata lines of template `tpl` into a.pre / a.post and the gold.
        date: datetime.date; outlet: printed name; byline: (text, names)."""
        r = self.rng
        pre, post = tpl.split("|")
        g = a.gold
        fmt = fmt or (self.date_fmt if r.random() < max(self.consistency, 0.3)
                      else r.choice(list(DATE_FORMATS)))
        a.layout["meta_template"] = tpl
        a.layout["date_format"] = None
        for where, toks in (("pre", pre.split()), ("post", post.split())):
            for tok in toks:
                role = ROLE_OF[tok]
                text = None
                l_dated = False
                if tok == "K":
                    text = self.kicker()
                elif tok == "T":
                    if title is None:
                        continue
                    text = title
                    g["title"] = title
                elif tok == "S":
                    if subtitle is None:
                        continue
                    text = subtitle
                    g["subtitle"] = subtitle
                elif tok in ("D", "tD"):
                    if date is None:
                        continue
                    ds = self.date_text(date, fmt)
                    text = ds if tok == "D" or r.random() < 0.6 else r.choice(
                        ["(%s)", "[%s]", "Published %s", "— %s"]) % ds
                    g["date"] = date.isoformat()
                    a.layout["date_format"] = fmt
                elif tok in ("O", "tO"):
                    if outlet is None:
                        continue
                    if tok == "O":
                        pfx = self.outlet_label if r.random() < max(self.consistency, 0.5) \
                            else r.choice(["", "", "", "Source: ", "From ", "— ", "SOURCE: ",
                                           "Via ", NONENG_SNIPPETS[r.choice(list(
                                               NONENG_SNIPPETS))] + ": "])
                        text = pfx + outlet
                    else:
                        text = r.choice(["Source: %s", "(%s)", "— %s", "%s", "Source: %s.",
                                         "[%s]", "From: %s"]) % outlet
                    g["outlet"] = outlet
                elif tok in ("OD", "DO", "tOD"):
                    if outlet is None or date is None:
                        continue
                    ds = self.date_text(date, fmt, prefix_p=0)
                    sp = self.sep()
                    if tok == "OD":
                        text = r.choice(["{O}{s}{D}", "{O}{s}{D}", "{O} ({D})", "Source: {O}, {D}",
                                         "{O}, {D}"]).format(O=outlet, D=ds, s=sp)
                    elif tok == "DO":
                        text = ("{D}{s}{O}").format(O=outlet, D=ds, s=sp)
                    else:
                        text = r.choice(["Source: {O}, {D}", "{O}, {D}", "({O}, {D})",
                                         "— {O}, {D}", "{O}{s}{D}", "{O} ({D})"]).format(
                            O=outlet, D=ds, s=sp)
                    g["outlet"] = outlet
                    g["date"] = date.isoformat()
                    a.layout["date_format"] = fmt
                elif tok == "B":
                    if byline is None:
                        continue
                    text, g["authors"] = self.byline_as_printed(a, byline[0], byline[1])
                elif tok in ("BD", "tBD"):
                    if byline is None or date is None:
                        continue
                    btxt, names = byline
                    if tok == "tBD" or btxt.lower().startswith("reporting by"):
                        btxt = join_names(r, names)[0] if len(names) > 1 else names[0]
                        if tok == "BD" and r.random() < 0.5:
                            btxt = "By " + btxt
                    ds = self.date_text(date, fmt, prefix_p=0)
                    if tok == "BD":
                        form = r.choice(["{B}{s}{D}", "{B}{s}{D}", "{B}{s}{D}", "{D}{s}{B}",
                                         "{B}, {D}", "{B} on {D}", "{B}  {D}"])
                    else:
                        form = r.choice(["— {B}, {D}", "{B}{s}{D}", "{B}, {D}", "({B}, {D})",
                                         "{B} — {D}"])
                    sp = r.choice([" | ", " — ", " · ", " / ", " – ", self.sep()])
                    text, g["authors"] = self.byline_as_printed(
                        a, form.format(B=btxt, D=ds, s=sp), names)
                    g["date"] = date.isoformat()
                    a.layout["date_format"] = fmt
                elif tok in ("BO", "tBO"):
                    if byline is None or outlet is None:
                        continue
                    names = byline[1]
                    joined = join_names(r, names)[0] if len(names) > 1 else names[0]
                    if tok == "BO":
                        by = r.choice(["By ", "By ", "", "BY "]) if not self.byline_caps else ""
                        if by == "BY ":
                            joined = joined.upper()
                            names = [x.upper() for x in names]
                        text = r.choice(["{B}, {O}", "{B} ({O})", "{B} for {O}", "{B}{s}{O}",
                                         "{B}, {O}"]).format(B=by + joined, O=outlet, s=self.sep())
                    else:
                        text = r.choice(["{B}, {O}", "— {B}, {O}", "{B} / {O}", "{B} ({O})",
                                         "{B}{s}{O}"]).format(B=joined, O=outlet, s=self.sep())
                    g["authors"] = names
                    g["outlet"] = outlet
                elif tok == "tB":
                    if byline is None:
                        continue
                    names = byline[1]
                    joined = join_names(r, names)[0] if len(names) > 1 else names[0]
                    text = r.choice(["— {B}", "{B}", "({B})", "By {B}", "– {B}", "{B}", "{B}",
                                     "{B}, {R}", "— {B}, {R}"]).format(B=joined,
                                                                      R=r.choice(ROLES))
                    text, g["authors"] = self.byline_as_printed(a, text, names)
                elif tok == "L":
                    pl = place or self.namer.place()
                    pl = self.clean(pl.upper() if self.dateline_caps else pl)
                    if date is not None and r.random() < 0.8:
                        lang = DATE_FORMATS[fmt][0]
                        lang = lang if lang in MONTHS else "en"
                        dd = self.clean(dateline_date(r, date, lang))
                        text = r.choice(["{P}, {D}", "{P}, {D} —", "{P} ({D})", "{P}, {D}:"]).format(
                            P=pl, D=dd)
                        g["date"] = g["date"] or date.isoformat()
                        l_dated = True
                    else:
                        text = pl + r.choice([" —", ":", ""])
                if text is None:
                    continue
                if tok in ("D", "tD", "OD", "DO", "tOD", "BD", "tBD") or (
                        tok == "L" and l_dated):
                    a.date_roles.add(role)
                if tok in ("O", "tO", "OD", "DO", "tOD", "BO", "tBO"):
                    a.outlet_roles.add(role)
                lst = a.pre if where == "pre" else a.post
                lst.append((role, self.clean(text)))

    # -- typesetting an article --------------------------------------------------------------
    def role_ts(self, role, a):
        if role in a.ts_over:
            return a.ts_over[role]
        if role == "kicker":
            return self.kicker_ts
        if role == "standfirst":
            return self.sf_ts
        if role in ("byline", "tail_byline", "byline_outlet", "tail_byline_outlet"):
            return self.byline_ts
        if role in ("outlet", "tail_outlet"):
            return self.outlet_ts
        if role in ("date", "tail_date"):
            return self.date_ts
        if role == "dateline":
            return self.dateline_ts
        return self.meta_ts

    def headline_items(self, a, text, w):
        ts = a.head_ts
        hy = Hyphenator(self.L.words, soft=False)
        for _ in range(8):
            lines = break_lines(text.split(), ts, w, None, hy)
            if len(lines) <= 3 or ts.size <= 11:
                break
            ts = ts.but(size=round(ts.size * 0.88, 1))
        a.layout["head_size"] = ts.size
        a.layout["head_lines"] = len(lines)
        al = self.head_align if self.rng.random() < 0.9 else ("c" if self.head_align == "l"
                                                               else "l")
        al = getattr(a, "head_align", None) or al
        a.layout["head_align"] = al
        return set_text(text, ts, w, "headline", a.idx, align=al, hyph=hy, keep=True)

    def head_gap_mode(self, a):
        """normal: small gaps between head lines; tight: none (the lines follow at their own
        leading); loose: twice the normal gaps."""
        if "head_gap" not in a.layout:
            r = self.rng
            a.layout["head_gap"] = self.head_gap if r.random() < max(self.consistency, 0.5) \
                else r.choice(["normal", "tight", "loose"])
        return a.layout["head_gap"]

    def head_items(self, a, w):
        items = []
        prev = None
        mode = self.head_gap_mode(a)
        for role, text in a.pre:
            if prev is not None:
                g = {"kicker": 2, "headline": 4}.get(prev, 2.5)
                g = {"normal": g, "tight": 0.0, "loose": 2 * g}[mode]
                if g:
                    items.append(Item(g, gap=True, keep=True))
            if role == "headline":
                items += self.headline_items(a, text, w)
            else:
                ts = self.role_ts(role, a)
                al = a.align_of.get(role, "l" if role != "headline" else self.head_align)
                if self.head_align == "c" and role in ("kicker", "standfirst"):
                    al = "c"
                items += set_text(text, ts, w, role, a.idx, align=al, keep=True,
                                  hyph=Hyphenator(self.L.words, soft=False))
            prev = role
        if items:
            g = {"normal": 0.6, "tight": self.rng.choice([0.0, 0.15, 0.3]), "loose": 1.0}[mode]
            if g:
                items.append(Item(self.body_ts.lead * g, gap=True, keep=True))
        return items

    def tail_items(self, a, w):
        items = []
        for k, (role, text) in enumerate(a.post):
            if k == 0:
                items.append(Item(self.body_ts.lead * self.rng.choice(
                    [0.0, 0.2, 0.5, 0.8] if self.head_gap_mode(a) == "tight" else
                    [0.2, 0.5, 0.8]), gap=True))
            ts = self.role_ts(role, a)
            items += set_text(text, ts, w, role, a.idx, align=self.tail_align,
                              hyph=Hyphenator(self.L.words, soft=False))
        for k, text in enumerate(a.other_tail):
            items.append(Item(self.body_ts.lead * (0.6 if k == 0 else 0.1), gap=True))
            items += set_text(text, self.meta_ts.but(italic=False), w, "other", None, a.idx,
                              align=self.rng.choice(["l", "c"]) if k == 0 else "l",
                              hyph=Hyphenator(self.L.words, soft=False))
        return items

    def photo_item(self, a, w):
        r = self.rng
        h = min(w * r.uniform(0.42, 0.72), 0.4 * (self.geom.bottom - self.geom.top))
        cap, credit = a.photo
        parts = [[Item(h + 3, rects=[(0, 0, w, h, r.uniform(0.7, 0.9), False, 0)], w=w)]]
        if cap:
            parts.append(set_text(cap, self.caption_ts, w, "caption", None, a.idx,
                                  hyph=Hyphenator(self.L.words, soft=False)))
        if credit:
            parts.append(set_text(credit, self.caption_ts.but(size=self.caption_ts.size * 0.85,
                                                              italic=False), w, "caption", None,
                                  a.idx, align=r.choice(["l", "r"])))
        return stack(parts, w)

    def pull_item(self, a, w):
        r = self.rng
        ts = TS(r.choice(list(self.fams)), round(self.body_ts.size * r.uniform(1.25, 1.7), 1),
                italic=r.random() < 0.7, bold=r.random() < 0.3)
        inset = r.choice([0, w * 0.06])
        body = set_text(a.pull, ts, w - 2 * inset, "pull_quote", None, a.idx,
                        align=r.choice(["l", "c"]), dx=inset,
                        hyph=Hyphenator(self.L.words, soft=False))
        return stack([[rule_item(w, 8, 0.8)], body, [rule_item(w, 8, 0.8)]], w)

    def sidebar_form_of(self, a, words):
        r = self.rng
        form = self.sidebar_form if r.random() < 0.7 else r.choice(SIDEBAR_FORMS)
        if form == "foot" and a.ncols == 1 and words < 700:
            form = "box"  # a box at the foot of a short one-column piece would end the page
        a.layout["sidebar_form"] = form
        return form

    def sidebar_item(self, a, w):
        """A sidebar: a box (filled or not), indented without box, between rules, or a box at
        the foot of the column; in a smaller type or in the body's own type."""
        r = self.rng
        title, lines = a.sidebar
        form = a.layout.get("sidebar_form", "box")
        ts = self.body_ts if self.sidebar_body else \
            self.body_ts.but(size=round(self.body_ts.size * 0.92, 1))
        tts = ts.but(bold=True) if r.random() < 0.8 else ts
        if tts is ts:
            title = title.upper()
        if form == "indent":
            pad = 0.0
            dx = round(w * r.uniform(0.05, 0.1), 1)
        else:
            pad = 5.0 if form != "rules" else 0.0
            dx = pad
        iw = w - 2 * dx
        parts = [set_text(title, tts, iw, "sidebar", None, a.idx, dx=dx),
                 2.0 if r.random() < 0.7 else 0.0]
        for ln in lines:
            parts.append(set_text(ln, ts, iw, "sidebar", None, a.idx, dx=dx, hyph=self.hyph))
        if form == "rules":
            it = stack([[rule_item(w, 8, 0.6)]] + parts + [[rule_item(w, 8, 0.6)]], w)
        else:
            it = stack(parts, w, pad=pad if form != "indent" else 2.0)
        if form in ("box", "foot"):
            it.rects.insert(0, (0, 0, w, it.h, 0.92 if r.random() < 0.6 else None, True, 0.6))
        elif form == "box_plain":
            it.rects.insert(0, (0, 0, w, it.h, None, True, 0.6))
        elif form == "indent" and r.random() < 0.5:
            it.rects.insert(0, (dx * 0.4, 0, 1.5, it.h, 0.3, False, 0))
        it.foot = form == "foot"
        return it

    def body_items(self, a, w):
        r = self.rng
        ts = self.body_ts
        out = []
        first, after_head = True, False
        n = len(a.paras)
        pull_at = r.randint(1, max(1, n - 1)) if a.pull else None
        photo_at = (0 if r.random() < 0.5 else r.randint(1, max(1, n - 1))) if a.photo else None
        side_at = (n if r.random() < 0.5 else r.randint(1, max(1, n))) if a.sidebar else None
        if a.sidebar and a.layout.get("sidebar_form") == "foot":
            side_at = r.randint(1, max(1, n // 3))
        table_at = r.randint(1, max(1, n)) if a.table else None
        nohy = Hyphenator(self.L.words, soft=False)

        def extras(j):
            if j in getattr(a, "inserts", {}):
                out.append(gap(4))
                out.extend(a.inserts[j](w))
                out.append(gap(4))
            if photo_at == j:
                out.append(gap(4))
                out.append(self.photo_item(a, w))
                out.append(gap(6))
            if pull_at == j:
                out.append(gap(4))
                out.append(self.pull_item(a, w))
                out.append(gap(4))
            if side_at == j:
                it = self.sidebar_item(a, w)
                if it.foot:
                    out.append(it)
                else:
                    out.append(gap(6))
                    out.append(it)
                    out.append(gap(6))
            if table_at == j:
                out.append(gap(6))
                out.extend(self.table_items(a, w))
                out.append(gap(6))

        fmts = getattr(a, "para_fmt", {})
        notes = {}
        for k, (j, mark, text) in enumerate(a.footnotes):
            notes.setdefault(j, []).append((k, mark, text))
        for j, (kind, text) in enumerate(a.paras):
            extras(j)
            start = len(out)
            self.para_items(a, j, kind, text, w, out, fmts.get(j, {}), first, after_head, nohy)
            for it in out[start:]:
                for ln in it.lns:
                    if ln.role in BODYISH:
                        ln.para = j
            for k, mark, ftext in notes.get(j, []):
                at = next((q for q in range(start, len(out)) if any(
                    FNM + mark in (ln.text if isinstance(ln.text, str) else "") or (
                        ln.words and any(FNM + mark in x for x in ln.words))
                    for ln in out[q].lns)), len(out) - 1)
                out.insert(at + 1, self.footnote_item(a, k, mark, ftext, w))
            if kind == "head" or kind == "salutation":
                after_head = True
            elif kind != "signature":
                after_head = False
            if kind != "head":
                first = False
        extras(n)
        return out

    def para_items(self, a, j, kind, text, w, out, fmt, first, after_head, nohy):
        """Sets paragraph j of an article into `out`. fmt: the paragraph's own format (a heading's
        type, case, small capitals, alignment, gaps; a list item's hanging indent; a block quote's
        inset; a paragraph's indent)."""
        r = self.rng
        ts = self.body_ts
        if kind == "head":
            t = text.upper() if (self.xhead_caps and not fmt) else text
            if fmt.get("caps"):
                t = text.upper()
            a.paras[j] = (kind, t if not fmt.get("sc") else t)
            if not first:
                out.append(gap(fmt.get("before", ts.lead * 0.7)))
            items = set_text(t, fmt.get("ts", self.xhead_ts), w, "section_heading", a.idx,
                             hyph=nohy, keep=True, align=fmt.get("align", "l"))
            if fmt.get("sc"):
                for it in items:
                    for ln in it.lns:
                        ln.sc = True
                a.paras[j] = (kind, t.upper())
            out += items
            out.append(Item(fmt.get("after", ts.lead * 0.25), gap=True, keep=True))
            return
        if not first and self.para_style in ("gap", "indent_gap") and not fmt.get("tight"):
            out.append(gap(self.para_gap))
        elif fmt.get("before"):
            out.append(gap(fmt["before"]))
        if kind == "salutation":
            out += set_text(text, ts, w, "salutation", a.idx, hyph=nohy)
            out.append(gap(ts.lead * 0.3))
            return
        if kind == "signature":
            out += set_text(text, fmt.get("ts", ts), w, "signature", a.idx, hyph=nohy,
                            align=fmt.get("align", a.layout.get("signature_align", "l")))
            return
        indent = self.indent if (self.para_style != "gap" and not first and not after_head
                                 and kind == "p") else 0.0
        if "indent" in fmt:
            indent = fmt["indent"]
        dx, width = 0.0, w
        pts = fmt.get("ts", ts)
        if kind == "quote":
            dx = fmt.get("inset", ts.size * 1.2)
            width = w - dx - fmt.get("inset_r", dx)
        elif kind == "item":
            dx = fmt.get("dx", ts.size * 0.8)
            width = w - dx
            if fmt.get("hang"):
                # a hanging indent: the text's lines aligned after the bullet or number
                dx += fmt["hang"]
                width -= fmt["hang"]
                indent = -fmt["hang"]
        dc = None
        if first and a.dropcap and re.match(r"[A-Za-z]{3}", text) and len(text) > 200:
            nl = r.choice([2, 2, 3])
            dc = (TS(self.style["head_family"], round(ts.lead * nl * 0.95, 1),
                     bold=r.random() < 0.5), nl)
            a.layout["dropcap"] = True
        lead = a.leads.get(j)
        if lead and text.startswith(lead[0]):
            dc = None
            text = text[len(lead[0]):].strip()
        else:
            lead = None
        out += set_text(text, pts, width, "body", a.idx,
                        align=fmt.get("align", "j" if self.justify else "l"),
                        hyph=self.hyph, indent=indent, dropcap=dc, dx=dx, lead=lead)

    def footnote_item(self, a, k, mark, text, w):
        """Footnote k of an article at the foot of the column its mark falls in: a smaller type,
        its number raised or not; role reference, owned by the article."""
        st = self.fn_style()
        if st["raised"]:
            t = FNM + mark + st["sep"] + text
        else:
            t = mark + st["dot"] + " " + text
        items = set_text(t, st["ts"], w - st["dx"], "reference", None, a.idx, dx=st["dx"],
                         indent=st["indent"], hyph=Hyphenator(self.L.words, soft=False))
        for it in items:
            for ln in it.lns:
                ln.para = -(k + 1)
        box = stack([items], w)
        box.foot = box.fnote = True
        return box

    def fn_style(self):
        if getattr(self, "_fn_style", None) is None:
            r = self.rng
            ts = self.body_ts
            size = round(ts.size * r.uniform(0.72, 0.88), 1)
            self._fn_style = {
                "ts": TS(ts.fam, size, lead=round(size * r.uniform(1.1, 1.25), 2)),
                "raised": r.random() < 0.6, "sep": r.choice([" ", " ", "  "]),
                "dot": r.choice(["", ".", ""]), "dx": r.choice([0.0, 0.0, ts.size]),
                "indent": r.choice([0.0, 0.0, ts.size * 1.5])}
            self.style["footnote_style"] = "raised" if self._fn_style["raised"] else "plain"
        return self._fn_style


    def typeset(self, a):
        flow = self.flow
        r = self.rng
        k = a.ncols
        g = self.geom
        width = g.width
        colw = (width - (k - 1) * self.gutter) / k
        cfg_same = flow.band is not None and flow.band[0] == k and flow.band[2] == round(width, 2)
        if a.new_page and not self.arts:
            a.new_page = False  # the first piece follows the masthead
        if a.new_page or (not cfg_same and not self.balance and not flow.empty()):
            flow.page_break(self.balance)
        a.layout["starts_page_top"] = flow.at_page_top() or flow.empty() and \
            flow.space_left() > g.bottom - g.top - 1
        span = a.span and k > 1 and (self.balance or flow.empty())
        a.layout["columns"] = k
        a.layout["head_spans"] = bool(span)
        a.head_ts = TS(self.style["head_family"],
                       round(min(26, max(12, self.head_size * (1.25 if span else 1.0)
                                         * r.uniform(0.85, 1.15))), 1),
                       bold=self.head_bold)
        head = self.head_items(a, width if span else colw)
        if getattr(a, "title_sc", False):
            for it in head:
                for ln in it.lns:
                    if ln.role == "headline":
                        ln.sc = True
        body = self.body_items(a, colw)
        tail = self.tail_items(a, colw)
        if span:
            hh = sum(i.h for i in head)
            flow.ensure(hh + 6 * self.body_ts.lead, self.balance)
            flow.cols(1, gutter=self.gutter, balance=self.balance)
            flow.add(head)
            flow.cols(k, gutter=self.gutter, rule=self.col_rule, balance=self.balance)
            main = []
        else:
            flow.cols(k, gutter=self.gutter, rule=self.col_rule, balance=self.balance)
            main = head
            if not flow.empty():
                # some space between the end of one piece and the next one's head
                main = [gap(self.body_ts.lead * self.style.setdefault("art_gap", r.choice(
                    [0.3, 0.6, 1.0, 1.5])))] + head
        a.items = head + body + tail
        if a.cont and sum(1 for i in body if i.lns and i.lns[0].role == "body") > 30:
            cand = [j for j in range(10, len(body) - 10)
                    if body[j].lns and len(body[j].lns) == 1 and body[j].lns[0].role == "body"]
            if cand:
                m = r.choice(cand)
                first2 = body[m]
                ts = self.meta_ts.but(italic=True)
                words = [w for w in (a.gold["title"] or "").split() if len(w) > 4]
                key = (r.choice(words) if words else "INSIDE").strip(",.:;'\"").upper()
                tmpl = r.choice(["Continued on page {p}", "(Continued on page {p})",
                                 "See {k}, page {p}", "Turn to page {p}", "Continued on p. {p}",
                                 "» page {p}", "Suite page {p}", "Fortsetzung auf Seite {p}"])
                to = set_text(tmpl.format(p=88, k=key), ts, colw, "continuation", None, a.idx,
                              align=r.choice(["l", "r"]))
                to[0].lns[0].text = (lambda t=tmpl, k_=key, it=first2: t.format(p=it.page, k=k_))
                last1 = body[m - 1]
                tmpl2 = r.choice(["Continued from page {p}", "(continued from page {p})",
                                  "From page {p}", "{k}, from page {p}", "Suite de la page {p}"])
                frm = set_text(tmpl2.format(p=88, k=key), ts, colw, "continuation", None, a.idx)
                frm[0].lns[0].text = (lambda t=tmpl2, k_=key, it=last1: t.format(p=it.page, k=k_))
                rt_text = a.gold["title"] or key
                rt_text = r.choice(["{t}", "{t} (continued)", "CONTINUED: {t}", "{t}"]).format(
                    t=rt_text)
                rt = set_text(rt_text, a.head_ts.but(size=max(10.0, a.head_ts.size * 0.75)),
                              colw, "running_title", None, a.idx, keep=True,
                              hyph=Hyphenator(self.L.words, soft=False))
                flow.add(main + body[:m] + to)
                self.deferred.append((k, rt + [Item(2, gap=True, keep=True)] + frm
                                      + [gap(4)] + body[m:] + tail, a))
                a.layout["continued"] = True
                return
        flow.add(main + body + tail)

    def typeset_pair(self, a, b):
        """Two pieces side by side on a three-column page: one over two columns (its headline
        across both), one in the third column. False (nothing placed) when they do not fit."""
        flow = self.flow
        g = self.geom
        r = self.rng
        gut = self.gutter
        c3 = (g.width - 2 * gut) / 3
        wl, wr = 2 * c3 + gut, c3
        if r.random() < 0.5:
            xl, xr = g.ml, g.ml + wl + gut
        else:
            xr, xl = g.ml, g.ml + c3 + gut
        for x in (a, b):
            x.table = False
            x.cont = False
            x.head_ts = TS(self.style["head_family"],
                           round(min(26, max(12, self.head_size * r.uniform(0.85, 1.15)
                                             * (1.15 if x is a else 0.9))), 1),
                           bold=self.head_bold)
        n_na = len(self.not_articles)
        ha = self.head_items(a, wl)
        ba = self.body_items(a, c3) + self.tail_items(a, c3)
        hb = self.head_items(b, wr)
        bb = self.body_items(b, wr) + self.tail_items(b, wr)
        need_a = sum(i.h for i in ha) + 8 + sum(i.h for i in ba) / 2 + \
            max([i.h for i in ba] + [0]) + 3 * self.body_ts.lead
        need_b = sum(i.h for i in hb + bb) + 2 * self.body_ts.lead
        need = max(need_a, need_b)
        if need > g.bottom - g.top - 20:
            del self.not_articles[n_na:]
            return False
        flow.close(self.balance)
        if need > flow.space_left():
            flow.new_page()
        pages0 = len(flow.pages)
        y0 = flow.y
        flow.band = None
        flow.cols(1, x0=xl, width=wl, gutter=gut)
        flow.add(ha)
        flow.cols(2, x0=xl, width=wl, gutter=gut, rule=self.col_rule)
        flow.add(ba)
        flow.close(True)
        yl = flow.y
        for x, k, w in ((a, 2, wl), (b, 1, wr)):
            x.layout["columns"] = k
            x.layout["head_spans"] = k == 2
            x.layout["side_by_side"] = True
        a.items = ha + ba
        self.arts.append(a)
        if len(flow.pages) != pages0:
            flow.band = None
            b.layout["side_by_side"] = False
            self.typeset(b)
            self.arts.append(b)
            return True
        flow.y = y0
        flow.band = None
        flow.cols(1, x0=xr, width=wr, gutter=gut)
        flow.add(hb + bb)
        flow.close(True)
        b.items = hb + bb
        self.arts.append(b)
        if self.col_rule:
            xx = (xl + wl + xr) / 2 if xl < xr else (xr + wr + xl) / 2
            flow.page.rules.append((xx, y0, xx, max(flow.y, yl) - 8, 0.4))
        if len(flow.pages) == pages0:
            flow.y = max(flow.y, yl)
        flow.band = None
        return True

    def flush_deferred(self):
        for k, items, a in self.deferred:
            self.flow.page_break(self.balance)
            self.flow.cols(k, gutter=self.gutter, rule=self.col_rule, balance=self.balance)
            self.flow.add(items)
        self.deferred = []

    # -- furniture ---------------------------------------------------------------------------
    def issue_no(self):
        r = self.rng
        n = r.randint(1, 480)
        s = r.choice(["No. {n}", "Issue {n}", "Vol. {v}, No. {m}", "Nr. {m}/{y}", "N° {n}", "#{n}",
                      "Issue {m}/{y}", "Edition {n}", "Number {n}", "Ausgabe {m}/{y}"]).format(
            n=n, v=r.randint(1, 40), m=r.randint(1, 52), y=self.issue_date.year)
        return self.clean(s)

    def furniture_style(self, section=None, code=None):
        """Chooses the running heads and footers; sets the geometry's head and foot space."""
        r = self.rng
        st = self.style
        pn_place = self.pick("page_number_place", ["hdr", "ftr", "none"], [35, 53, 12])
        st["page_number_style"] = r.choice(PAGENO_STYLES)
        st["page_number_pos"] = r.choice(["l", "c", "r", "outer"])
        hdr_slots = ["name", "date", "issue", "section", "name_date", "confidential"]
        ftr_slots = ["disclaimer", "name", "date", "code", "issue"]
        self.hdr = []
        if self.flag("header", 0.85):
            n = r.choice([1, 1, 2, 2, 3])
            kinds = r.sample(hdr_slots, n)
            if self.flag("header_name_date", 0.3):  # the name and the date on every page
                kinds = r.choice([["name_date"], ["name", "date"], ["date", "name"]])
                n = len(kinds)
            if "name_date" in kinds and ("name" in kinds or "date" in kinds):
                kinds = [k for k in kinds if k not in ("name", "date")]
                n = len(kinds)
            pos = {1: [r.choice(["l", "c", "r"])], 2: ["l", "r"], 3: ["l", "c", "r"]}[n]
            self.hdr = list(zip(pos, kinds))
        self.ftr = []
        if self.flag("footer", 0.55):
            n = r.choice([1, 1, 2])
            kinds = r.sample(ftr_slots, n)
            pos = {1: [r.choice(["l", "c", "r"])], 2: ["l", "r"]}[n]
            self.ftr = list(zip(pos, kinds))
        if code:
            self.ftr = [x for x in self.ftr if x[1] != "code"] + [("l" if not any(
                p == "l" for p, _ in self.ftr) else "c", "code")]
            self.style["footer"] = True
        self.print_code = code or self.rng.choice([
            "{c}-{y}-{p:03d}", "Ref. {n}/{p}", "{c}{p:04d}", "Printed {d} · sheet {p}",
            "Job {n} / p{p}", "{c} {y}/{n}-{p}"])
        self.code_vals = dict(c="".join(r.choice("ABCDEFGHKLMNPRSTVX") for _ in range(3)),
                              n=r.randint(1000, 99999), y=self.issue_date.year)
        pn = st["page_number_pos"]
        if pn_place == "hdr":
            if not self.hdr or all(p != "c" for p, _ in self.hdr) and pn in ("c",):
                self.hdr = [x for x in self.hdr if x[0] != "c"] + [("c", "pageno")]
            else:
                side = "r" if pn in ("r", "outer") else "l"
                self.hdr = [x for x in self.hdr if x[0] != side] + [(side, "pageno")]
            st["header"] = True
        elif pn_place == "ftr":
            side = "r" if pn in ("r", "outer") else ("c" if pn == "c" else "l")
            self.ftr = [x for x in self.ftr if x[0] != side] + [(side, "pageno")]
            st["footer"] = True
        self.hdr_join = self.flag("header_joined", 0.25) and len(self.hdr) > 1
        self.ftr_join = self.flag("footer_joined", 0.2) and len(self.ftr) > 1
        self.hdr_first = self.flag("header_on_first", 0.35)
        self.ftr_first = self.flag("footer_on_first", 0.7)
        self.ftr_first_only = self.flag("footer_first_page_only", 0.07) and self.ftr_first
        self.alternate = self.flag("alternate_sides", 0.3) or pn == "outer"
        self.hdr_rule = self.flag("header_rule", 0.5)
        self.ftr_rule = self.flag("footer_rule", 0.3)
        self.hf_ts = TS(self.style["meta_family"], round(self.body_ts.size * r.uniform(0.75, 0.95),
                                                         1),
                        italic=r.random() < 0.3, bold=r.random() < 0.15,
                        gray=0.3 if r.random() < 0.3 else 0)
        st["header_slots"] = " ".join("%s:%s" % x for x in self.hdr)
        st["footer_slots"] = " ".join("%s:%s" % x for x in self.ftr)
        self.section = section or r.choice(["Press Review", "Media Monitoring", "Clippings",
                                            "Daily Selection", "International Press",
                                            "National Press", "Regional Press", "Review"])
        self.hf_date = self.date_text(self.issue_date, prefix_p=0)
        self.hf_issue = self.issue_no_s
        self.disclaimer = self.clean(r.choice(DISCLAIMERS))
        g = self.geom
        hs = self.hf_ts.lead + r.uniform(6, 16) if self.hdr else 0
        fs = self.hf_ts.lead + r.uniform(6, 16) if self.ftr else 0
        self.geom = Geom(g.w, g.h, g.ml, g.mr, g.mt, g.mb, hs, fs)

    def slot_text(self, kind, p, n):
        if kind in self.custom_slots:
            return self.custom_slots[kind](p, n)
        if kind == "name":
            return self.name or ""
        if kind == "date":
            return self.hf_date
        if kind == "issue":
            return self.hf_issue
        if kind == "section":
            return self.section
        if kind == "name_date":
            return (self.name or self.section) + self.style.setdefault("hf_sep", self.rng.choice(
                [" | ", " · ", " — ", ", ", " - "])) + self.hf_date
        if kind in ("confidential", "disclaimer"):
            return self.disclaimer
        if kind == "code":
            return self.print_code.format(p=p, d=self.issue_date.strftime("%d/%m/%Y"),
                                          **self.code_vals)
        if kind == "pageno":
            return self.style["page_number_style"].format(p=p + self.page_offset,
                                                          n=n + self.page_offset)
        return ""

    def add_furniture(self):
        g = self.geom
        pages = self.flow.pages
        n = len(pages)
        ts = self.hf_ts
        for page in pages:
            p = page.n
            for slots, join, first, where in ((self.hdr, self.hdr_join, self.hdr_first, "hdr"),
                                             (self.ftr, self.ftr_join, self.ftr_first, "ftr")):
                if not slots or (p == 1 and not first):
                    continue
                if where == "ftr" and p > 1 and getattr(self, "ftr_first_only", False):
                    continue
                if where == "hdr":
                    y = g.mt
                    role = "running_header"
                else:
                    y = g.h - g.mb - ts.lead
                    role = "running_footer"
                sl = list(slots)
                if self.alternate and p % 2 == 0:
                    sl = [({"l": "r", "r": "l"}.get(a, a), k) for a, k in sl]
                sl.sort(key=lambda x: "lcr".index(x[0]))
                if not join:
                    # drop slots (never the page number) until the pieces stand apart
                    sl = [x for x in sl if self.slot_text(x[1], p, n)]
                    while len(sl) > 1:
                        ws = {al: sw(self.clean(self.slot_text(k, p, n)), ts.font, ts.size)
                              for al, k in sl}
                        need = sum(ws.values()) + 24 * (len(sl) - 1)
                        if "c" in ws:
                            need = max(need, ws["c"] + 2 * max(ws.get("l", 0), ws.get("r", 0))
                                       + 48)
                        if need <= g.width:
                            break
                        drop = next(x for x in sl if x[1] != "pageno")
                        sl.remove(drop)
                it = Item(ts.lead, w=g.width)
                it.x, it.y = g.ml, y
                base = line_base(ts, ts.lead)
                if not sl:
                    continue
                if join:
                    txt = self.style.setdefault("hf_join_sep", self.rng.choice(
                        [" | ", " · ", "  —  ", "   ", " / "])).join(
                        self.slot_text(k, p, n) for _, k in sl)
                    al = sl[0][0] if len(sl) == 1 else self.style.setdefault(
                        "hf_join_align", self.rng.choice(["l", "c", "r"]))
                    it.lns.append(Ln(txt, ts, 0, base, g.width, al, role))
                else:
                    for al, k in sl:
                        if not self.slot_text(k, p, n):
                            continue
                        r_ = "page_number" if k.startswith("pageno") or k in getattr(
                            self, "pageno_slots", ()) else role
                        it.lns.append(Ln(self.slot_text(k, p, n), ts, 0, base, g.width, al, r_))
                        it.lns[-1].sc = k in getattr(self, "sc_slots", ())
                for ln in it.lns:
                    ln.text = self.clean(ln.text)
                    while sw(ln.text, ln.font, ln.size) > g.width and ln.size > 4:
                        ln.size = round(ln.size * 0.92, 2)
                page.furniture.append(it)
                rule = self.hdr_rule if where == "hdr" else self.ftr_rule
                if rule:
                    yy = y + ts.lead + 3 if where == "hdr" else y - 3
                    page.rules.append((g.ml, yy, g.ml + g.width, yy, 0.5))

    def masthead(self, lines):
        """lines: [(text, TS, align)] set as one band over the page."""
        items = []
        w = self.geom.width
        for text, ts, al in lines:
            items += set_text(text, ts, w, "masthead", align=al,
                              hyph=Hyphenator(self.L.words, soft=False))
            items.append(Item(3, gap=True))
        if self.rng.random() < 0.7:
            items.append(rule_item(w, 10, self.rng.choice([0.5, 1.0, 2.0])))
        self.flow.cols(1, gutter=self.gutter)
        self.flow.add(items)
        self.flow.close(after=self.rng.uniform(6, 16))

    def contents(self, arts, heading=None, ts=None, with_outlet=False):
        """An "In this issue" list; the page numbers are filled in when the PDF is drawn."""
        r = self.rng
        ts = ts or self.body_ts.but(size=round(self.body_ts.size * r.uniform(0.85, 1.0), 1))
        w = self.geom.width * r.choice([1.0, 1.0, 0.7, 0.6])
        heading = heading or r.choice(["In this issue", "Contents", "In this edition",
                                       "Inside", "Today's selection", "Inhalt", "Sommaire",
                                       "CONTENTS", "Index", "Table of contents", "Overview"])
        items = set_text(self.clean(heading), ts.but(bold=True, size=ts.size * 1.15), w,
                         "contents")
        items.append(Item(3, gap=True))
        leader = r.choice([" . ", ".", " ", "…", "_"])
        style = self.pick("contents_style", ["leader", "leader", "num_first", "plain",
                                             "num_line", "num_line", "num_end", "num_right"])
        if style in ("num_line", "num_end", "num_right"):
            # whole titles (wrapped), the page number on its own line or at the line's end,
            # sometimes "Outlet, date" under each
            self.contents_wrapped(arts, items, ts, w, style)
            self.not_articles.append({"text_start": self.clean(heading), "reason": "contents"})
            self.flow.cols(1, gutter=self.gutter, x0=self.geom.ml, width=w)
            self.flow.add(items)
            self.flow.close(after=12)
            if self.flag("contents_own_page", 0.3):
                self.flow.page_break()
            return
        for a in arts:
            t = a.gold["title"] or "(untitled)"
            if with_outlet and a.gold["outlet"]:
                t = a.gold["outlet"] + " — " + t
            t = self.clean(t)
            while len(t) > 8 and sw(t + " .... 999", ts.font, ts.size) > w - 6:
                t = t[:-8].rsplit(" ", 1)[0] + " ..."

            def fn(t=t, a=a, ts=ts, w=w, leader=leader, style=style):
                p = a.items[0].page if a.items and a.items[0].page else 1
                if style == "num_first":
                    return "%d  %s" % (p, t)
                if style == "plain":
                    return "%s, page %d" % (t, p)
                base = sw(t, ts.font, ts.size) + sw(" %d" % p, ts.font, ts.size)
                dw = sw(leader, ts.font, ts.size)
                k = max(2, int((w - base - 4) / max(dw, 0.5)))
                return "%s %s %d" % (t, (leader * k).strip() if leader != " " else "", p) \
                    if leader != " " else "%s %s%d" % (t, " " * 3, p)
            it = set_text(t + " .... 99", ts, w, "contents")
            if len(it) == 1:
                it[0].lns[0].text = fn
            items += it
        self.not_articles.append({"text_start": self.clean(heading), "reason": "contents"})
        self.flow.cols(1, gutter=self.gutter, x0=self.geom.ml, width=w)
        self.flow.add(items)
        self.flow.close(after=12)
        if self.flag("contents_own_page", 0.3):
            self.flow.page_break()

    def contents_wrapped(self, arts, items, ts, w, style):
        r = self.rng
        pfmt = r.choice(["{p}", "{p}", "{p}", "p. {p}", "Page {p}", "page {p}", "P. {p}"])
        pfmt_end = r.choice(["{p}", "{p}", "({p})", "p.{p}", "[{p}]"])
        prefix = r.choice(["", "", "", "{k}. ", "• ", "{k} "])
        sub_meta = self.kind == "digest" and self.flag("contents_outlet_lines", 0.45)
        sub_fmt = r.choice(["{O}, {D}", "{O}, {D}", "{O} · {D}", "{O} | {D}", "{O} ({D})",
                            "{O} — {D}", "{O}"])
        sub_ts = ts.but(italic=r.random() < 0.6, size=round(ts.size * r.uniform(0.85, 1.0), 1))
        num_al = r.choice(["l", "l", "r"])
        gap_f = r.choice([0.0, 0.2, 0.4, 0.7])
        sub_first = r.random() < 0.5
        nohy = Hyphenator(self.L.words, soft=False)
        k = 0
        for a in arts:
            if not a.gold["title"]:
                continue
            k += 1
            t = self.clean(prefix.format(k=k) + a.gold["title"])

            def pg(a=a):
                return a.items[0].page if a.items and a.items[0].page else 1
            if style == "num_end":
                ph = pfmt_end.format(p=99)
                ent = set_text(t + " " + ph, ts, w, "contents", hyph=nohy)
                last = ent[-1].lns[0]
                stem = last.text[:-len(ph)].rstrip()
                last.text = (lambda stem=stem, pg=pg: (stem + " " if stem else "")
                             + pfmt_end.format(p=pg()))
                num = []
            elif style == "num_right":
                ent = set_text(t, ts, w - 4 * ts.size, "contents", hyph=nohy)
                last = ent[-1]
                last.lns.append(Ln(lambda pg=pg: pfmt.format(p=pg()), ts, 0, last.lns[0].base, w,
                                   "r", "contents"))
                num = []
            else:
                ent = set_text(t, ts, w, "contents", hyph=nohy, keep=True)
                num = set_text("p. 99", ts, w, "contents", align=num_al)
                num[0].lns[0].text = lambda pg=pg: pfmt.format(p=pg())
            sub = []
            if sub_meta and a.gold["outlet"]:
                d = a.gold["date"]
                line = sub_fmt.format(O=a.gold["outlet"], D=self.date_text(
                    dt.date.fromisoformat(d), prefix_p=0) if d else "").rstrip(" ,·|(—)")
                if "(" in line and not line.endswith(")"):
                    line = line.split(" (")[0]
                sub = set_text(self.clean(line), sub_ts, w, "contents", hyph=nohy)
            if sub_first:
                items += ent + sub + num
            else:
                items += ent + num + sub
            if gap_f:
                items.append(Item(ts.lead * gap_f, gap=True))

    # -- content -----------------------------------------------------------------------------
    def rand_issue_date(self):
        d0 = dt.date(2003, 1, 1)
        return d0 + dt.timedelta(days=self.rng.randrange(22 * 365))

    def org(self):
        r = self.rng
        return r.choice(ORG_WORDS).format(P=self.namer.place(), T=r.choice(TOPICS),
                                          A=r.choice(MEDIA_ADJ))

    def digest_name(self):
        r = self.rng
        base = r.choice(DIGEST_NAMES)
        x = r.random()
        if x < 0.35:
            name = self.org() + r.choice([" — ", ": ", " ", " | "]) + base
        elif x < 0.55:
            name = r.choice(TOPICS) + " " + base
        elif x < 0.7:
            name = base
        elif x < 0.85:
            name = base + r.choice([" on ", " — ", ": "]) + r.choice(TOPICS)
        else:
            name = self.namer.place() + " " + base
        return self.clean(name)

    def issue_line(self):
        r = self.rng
        parts = [self.issue_no_s, self.date_text(self.issue_date, prefix_p=0)]
        if r.random() < 0.3:
            parts = parts[::-1]
        if r.random() < 0.25:
            parts = parts[1:]
        return self.clean(r.choice([" · ", " | ", " — ", ", ", "   "]).join(parts))

    def standard_masthead(self, extra=None):
        """The title block of page 1: the name (sometimes hardly bigger than a headline), an
        issue and date line or "Daily press review · Fri 11 Feb 2005", the compiler ("Compiled
        by the Media Monitoring Unit, <organisation>"), a disclaimer, a tagline."""
        r = self.rng
        if self.flag("masthead_small", 0.2):
            msize = self.num("masthead_size", self.body_ts.size * 1.2, self.body_ts.size * 1.9)
        else:
            msize = self.num("masthead_size", 16, 32)
        mts = TS(self.style["head_family"], msize, bold=r.random() < 0.8, italic=r.random() < 0.1)
        al = self.pick("masthead_align", ["l", "c"])
        name = self.name.upper() if self.flag("masthead_caps", 0.3) else self.name
        self.style["name_printed"] = name
        lines = [(name, mts, al)]
        its = self.meta_ts.but(size=round(self.body_ts.size * r.uniform(0.9, 1.15), 1))
        if self.flag("masthead_genre_line", 0.35):
            fmt = r.choice(["en_abbr_wdmy", "en_wdmy", "en_wmdy", "en_abbr_wdmy", self.date_fmt])
            lines.append((self.clean(r.choice(GENRE_LINES) + r.choice(
                [" · ", " | ", " — ", ", ", " - "]) + self.date_text(self.issue_date, fmt,
                                                                    prefix_p=0)), its, al))
            if r.random() < 0.3:
                lines.append((self.issue_no_s, its, al))
        else:
            lines.append((self.issue_line(), its, al))
        if r.random() < 0.5:
            lines.append((self.clean(r.choice([
                "Compiled by {n}", "Prepared by the {d}", "Selected and edited by {n}, {d}",
                "Editor: {n}", "Compiled by the {d} of the {o}", "Redaktion: {n}",
                "Responsable: {n}", "Compiled by the {u}, {o}", "Compiled by the {u}, {o}",
                "Prepared by the {u} of the {o}", "{u} | {o}", "{o} · {u}",
                "Produced by the {u}"]).format(n=self.namer.person(), d=r.choice(DEPARTMENTS),
                                               o=self.org(), u=r.choice(MONITOR_UNITS))),
                its.but(italic=r.random() < 0.6), al))
        if r.random() < 0.25:
            lines.append((self.clean(r.choice(DISCLAIMERS[:9])),
                          its.but(bold=r.random() < 0.4, italic=False), al))
        if r.random() < 0.3:
            lines.append((self.clean(r.choice([
                "{t} and {t2} coverage for staff", "Clippings from the national and international press",
                "Your selection of {t} news", "What the papers say about {t}",
                "The week in {t} and {t2}", "{t} in the media"]).format(
                t=r.choice(TOPICS), t2=r.choice(TOPICS))), its, al))
        if len(lines) > 3 and r.random() < 0.3:
            rest = lines[1:]
            r.shuffle(rest)
            lines = lines[:1] + rest
        if r.random() < 0.1:
            lines = [lines[1], lines[0]] + lines[2:]
        if extra:
            lines += extra
        self.masthead(lines)

    def subtitle_from(self, run, paras):
        """A standfirst of 1-4 lines (at the column's width) from the text's spare sentences."""
        r = self.rng
        g = self.geom
        colw = (g.width - (self.ncols - 1) * self.gutter) / self.ncols
        cpl = colw / (0.5 * self.sf_ts.size)
        maxc = cpl * r.choice([1.6, 2.5, 3.5, 4.0])
        cands = [s for s in run["spare"] if 8 <= len(s.split()) <= 38 and len(s) <= maxc]
        if not cands:
            cands = [s for s in run["spare"] if 8 <= len(s.split()) <= 38 and len(s) <= 4 * cpl]
        if cands:
            return self.clean(r.choice(cands))
        return None

    def with_standfirst(self, tpl):
        """Adds a standfirst (after the headline, or after a byline under it) to a template
        that has a headline and none, at the document's rate."""
        r = self.rng
        pre, post = tpl.split("|")
        toks = pre.split()
        if "S" in toks or "T" not in toks or r.random() >= self.sf_p:
            return tpl
        k = toks.index("T") + 1
        if k < len(toks) and toks[k] in ("B", "BD") and r.random() < 0.4:
            k += 1
        toks.insert(k, "S")
        return " ".join(toks) + "|" + post

    def vary_title(self, title, run):
        """A headline with a person's name, or ending with "?", "!" or a quote, at the
        document's rates: (title, form or None)."""
        r = self.rng
        x = r.random()
        if x < self.hl_name_p:
            return self.name_headline(run), "name"
        if x < self.hl_name_p + self.hl_punct_p:
            return self.punct_headline(title, run), "punct"
        return title, None

    def short_quote(self, run):
        r = self.rng
        sents = [x for x in run["spare"] if 5 <= len(x.split()) <= 30]
        q = synth_title(r, r.choice(sents), 3, 7) if sents else r.choice(HL_QUOTES)
        return q.rstrip(".,;:")

    def name_headline(self, run):
        r = self.rng
        nm = self.namer.person()
        sur = nm.split()[-1]
        fill = dict(N=nm, S=sur, R=r.choice(HL_ROLES), t=r.choice(TOPICS).lower(),
                    o=self.namer.outlet("think_tank")[0] if r.random() < 0.3 else self.org(),
                    p=self.namer.place(), age=r.randint(48, 97), n2=self.namer.person(),
                    r=r.choice(HL_ROLES).lower())
        v = r.choice(HL_VERBS).format(**fill)
        form = r.choices(["{R} {N} {V}", "{N} {V}", "{S} {V}", "{R} {S} {V}", "{N}: {Q}",
                          "Who is {N}?", "Interview with {N}", "In conversation: {N}",
                          "{N} on {t}", "Profile: {N}", "Meet {N}, {p}'s new {r}",
                          "{N}, {age}", "{N} and {n2} {V}", "Obituary: {N}"],
                         weights=[14, 14, 8, 6, 6, 2, 2, 1, 3, 2, 2, 1, 2, 1])[0]
        q = ""
        if "{Q}" in form:
            q = r.choice(["“%s”", "'%s'", '"%s"', "‘%s’"]) % self.short_quote(run)
        out = form.replace("{V}", v).replace("{Q}", q).format(**fill)
        return out[:1].upper() + out[1:]

    def punct_headline(self, title, run):
        r = self.rng
        t = title.rstrip(" .!?:;")
        x = r.random()
        short = len(t.split()) <= 7
        if x < 0.2 and short:
            return t + "?"
        if x < 0.45:
            return r.choice(["What next for {p}?", "Can {t} be saved?", "Who pays for {t}?",
                             "Is {p} ready for {t} reform?", "A turning point for {t}?",
                             "Where now for {t}?", "Too late for {p}?"]).format(
                p=self.namer.place(), t=r.choice(TOPICS).lower())
        if x < 0.6 and short:
            return t + "!"
        q = self.short_quote(run)
        qq = r.choice(["“%s”", "'%s'", '"%s"', "‘%s’"]) % q
        forms = ["{Q}", "{N}: {Q}", "{N}: {Q}"] + (["{T}: {Q}", "{T} — {Q}"] if short else [])
        return r.choice(forms).format(
            T=t, Q=qq, N=self.namer.person() if r.random() < 0.5 else r.choice(HL_ROLES))

    def long_title(self, run):
        r = self.rng
        sents = [x for k, t in run["paras"] if k == "p" for x in
                 re.split(r"(?<=[.!?])\s+(?=[A-Z])", t) if len(x.split()) >= 12 and "?" not in x]
        if not sents:
            return None
        t = synth_title(r, r.choice(sents), 8, 14)
        return t if len(t.split()) >= 7 else None

    def caption_for(self, run):
        r = self.rng
        if run["figs"] and r.random() < 0.6:
            cap = r.choice(run["figs"])
        else:
            cap = r.choice([
                "{n}, {role}, in {p} on {w}.", "{n} speaks to reporters in {p}.",
                "A view of {p}.", "Residents of {p} gathered on {w}.",
                "{n} (left) with {n2} in {p}.", "The site in {p} where the meeting took place.",
                "{n} arrives for talks in {p} on {w}."]).format(
                n=self.namer.person(), n2=self.namer.person(), p=self.namer.place(),
                role=r.choice(ROLES).lower(), w=r.choice(WEEKDAYS_EN))
        credit = None
        ag = self.namer.outlet("agency")[0]
        # an agency's initials: "(NPA)", "Photo: Jane Roe/NPA"
        ac = "".join(w[0] for w in ag.split() if w[:1].isupper()) if r.random() < 0.5 else \
            "".join(r.choice("ABCDEFGHKLMNPRSTUVW") for _ in range(r.randint(2, 4)))
        x = r.random()
        if x < 0.6:
            credit = r.choice(["Photo: {n}", "Photo: {a}", "© {n}/{a}", "({a})",
                               "Picture: {n}", "Foto: {n}", "Photograph: {n} for {a}",
                               "Image: {a}", "({ac})", "Photo: {ac}", "{n}/{ac}",
                               "Photo: {n}/{ac}", "PHOTO: {ac}", "Picture: {ac}"]).format(
                n=self.namer.person(), a=ag, ac=ac)
        elif x < 0.8:
            cap = cap + " " + r.choice(["(Photo: %s)", "Photo: %s", "(%s)", "(%s)"]) % (
                ac if r.random() < 0.4 else
                self.namer.outlet(r.choice(["agency", "the_place_noun"]))[0])
        return self.clean(cap), self.clean(credit) if credit else None

    def sidebar_for(self, run, a):
        r = self.rng
        title = r.choice(SIDEBAR_TITLES)
        if title == "About the author" and a.gold["authors"]:
            nm = a.gold["authors"][0]
            lines = [r.choice(["{n} is a {role} at {o}.", "{n} is {role} for {o}.",
                               "{n} has reported from {p} since {y}."]).format(
                n=nm, role=r.choice(ROLES).lower(), o=self.namer.outlet()[0],
                p=self.namer.place(), y=r.randint(1990, 2020))]
        else:
            cands = [s for s in run["spare"] if 5 <= len(s.split()) <= 28]
            r.shuffle(cands)
            b = r.choice(BULLETS)
            lines = [b + s for s in cands[:r.randint(2, 5)]]
            if not lines:
                lines = ["%s%d %s" % (b, r.randint(2, 900), r.choice(
                    ["people affected", "jobs", "days of talks", "kilometres", "million euros"]))
                         for _ in range(3)]
        return self.clean(title), [self.clean(x) for x in lines]

    def pull_for(self, paras):
        r = self.rng
        sents = [s for k, t in paras if k == "p"
                 for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", t) if 8 <= len(s.split()) <= 28]
        if not sents:
            return None
        s = r.choice(sents)
        if r.random() < 0.4:
            s = "“" + s.strip('"“”') + "”"
        return self.clean(s)

    def body_paras(self, run, clip_p=0.1):
        r = self.rng
        paras = [(k, self.clean(t)) for k, t in run["paras"]]
        paras = [(k, t) for k, t in paras if t]
        if paras and r.random() < clip_p:
            k, t = paras[-1]
            mark = r.choice([" ...", " [...]", " (...)", "…"])
            paras[-1] = (k, self.clean(t + mark) if mark != "…" else t + self.clean("…"))
        return paras

    def decorate(self, a, run, p_photo, p_pull, p_side, p_cont, words):
        r = self.rng
        if r.random() < p_photo:
            a.photo = self.caption_for(run)
        if words > 250 and r.random() < p_pull:
            a.pull = self.pull_for(a.paras)
        if r.random() < p_side:
            a.sidebar = self.sidebar_for(run, a)
            self.sidebar_form_of(a, words)
        if words > 500 and r.random() < p_cont:
            a.cont = True
        if r.random() < self.style.setdefault("p_table", round(r.uniform(0, 0.12), 2)
                                              if r.random() < 0.4 else 0.0):
            a.table = True
        a.dropcap = r.random() < self.dropcap_p

    def title_for(self, run):
        r = self.rng
        title = clean_title(run["title"])
        x = r.random()
        if title is None or x < 0.2:
            sents = [s for k, t in run["paras"] if k == "p" for s in
                     re.split(r"(?<=[.!?])\s+(?=[A-Z])", t) if len(s.split()) >= 7
                     and "?" not in s]
            title = synth_title(r, r.choice(sents)) if sents else None
        if title is None or x > 0.93:
            title = r.choice(self.pool.heads)
        return title

    def make_clipping(self, i, probs):
        r = self.rng
        a = Art(i)
        target = max(40, min(1600, int(r.lognormvariate(5.5, 0.65))))
        run = self.pool.run(r, target, heads=r.random() < 0.5,
                            bullets=r.choice(BULLETS), exclude=self.used_src)
        title, form = self.vary_title(self.title_for(run), run)
        case = self.head_case if r.random() < 0.9 else r.choice(["title", "sentence", "caps"])
        if case != "caps" and r.random() < 0.05:
            case = "caps"
        if case == "caps" and form is None and len(title.split()) < 8 and r.random() < 0.4:
            long = self.long_title(run)  # capitals wrapped over two lines or more
            if long:
                title, form = long, "long"
        a.layout["headline_form"] = form
        title = self.clean(apply_case(title, case))
        tpl = self.with_standfirst(self.template())
        date = self.issue_date - dt.timedelta(days=r.choice([0, 0, 1, 1, 1, 2, 2, 3, 4, 5, 6, 7,
                                                            10, 14]))
        outlet, shape = self.outlet()
        by = self.byline()
        sub = self.subtitle_from(run, None) if "S" in tpl.split("|")[0].split() else None
        self.fill_meta(a, tpl, title, sub, date, outlet, by)
        a.layout["outlet_shape"] = shape
        a.layout["source_text"] = run["src"]
        a.paras = self.body_paras(run, probs["clip"])
        words = sum(len(t.split()) for _, t in a.paras)
        if self.style["layout_kind"] == "mixed":
            a.ncols = r.choices([1, 2, 3], weights=[2, 4, 3])[0]
        else:
            a.ncols = self.ncols
        a.span = r.random() < self.head_span_p
        a.new_page = r.random() < probs["new_page"]
        self.decorate(a, run, probs["photo"], probs["pull"], probs["sidebar"], probs["cont"],
                      words)
        return a

    def doc_probs(self):
        r = self.rng
        p = {}
        for k, hi in (("photo", 0.4), ("pull", 0.35), ("sidebar", 0.2), ("cont", 0.25),
                      ("new_page", 0.6), ("clip", 0.3)):
            p[k] = round(r.uniform(0, hi), 2) if r.random() < 0.6 else 0.0
            self.style["p_" + k] = p[k]
        return p

    def build_digest(self):
        r = self.rng
        self.common_style()
        self.issue_date = self.rand_issue_date()
        self.name = self.digest_name()
        self.issue_no_s = self.issue_no()
        self.furniture_style()
        self.flow = Flow(self.geom)
        if self.flag("masthead", 0.8):
            self.standard_masthead()
        probs = self.doc_probs()
        n = r.randint(2, 16)
        arts = [self.make_clipping(i, probs) for i in range(n)]
        if self.flag("contents", 0.3):
            self.contents(arts, with_outlet=r.random() < 0.4)
        self.place_all(arts)


    # -- tables and forms --------------------------------------------------------------------
    def table_spec(self, w):
        r = self.rng
        ts = self.body_ts.but(size=round(self.body_ts.size * r.uniform(0.8, 0.95), 1))
        maxc = max(2, min(6, int(w / (ts.size * 6))))
        ncol = r.randint(2, max(2, maxc))
        nrow = r.randint(3, 12)
        kind = r.choice(["years", "cats", "quarters"])
        y = (self.issue_date or dt.date(2020, 1, 1)).year
        if kind == "years":
            head = [str(y - ncol + 1 + k) for k in range(ncol - 1)]
        elif kind == "quarters":
            head = ["Q%d %d" % (k % 4 + 1, y) for k in range(ncol - 1)]
        else:
            head = r.sample(["Total", "Change", "Share (%)", "Budget", "Cases", "Staff",
                             "Votes", "Sites", "Average", "Target", "Actual", "Index"], ncol - 1)
        lab = r.choice(["Region", "Sector", "Country", "Item", "Category", "Group", "Programme",
                        "District"])
        rows = []
        for _ in range(nrow):
            name = r.choice([self.namer.place(), r.choice(TOPICS), self.namer.place()])
            vals = []
            for _c in range(ncol - 1):
                f = r.choice(["int", "dec", "pct", "money"])
                v = r.uniform(0, 5000)
                vals.append({"int": "%d" % v, "dec": "%.1f" % (v / 37),
                             "pct": "%.1f%%" % (v / 50), "money": "%s%s" % (
                                 r.choice(["$", "€", "£", ""]), "{:,}".format(int(v * 10)))}[f])
            rows.append([name] + vals)
        self.table_no = getattr(self, "table_no", 0) + 1
        title = r.choice(["Table {n}: {t} by {l}", "Table {n}. {t}, {y}", "{t} ({l})",
                          "TABLE {n} — {t}", "Figures: {t}", "Tab. {n}: {t}"]).format(
            n=self.table_no, t=r.choice(TOPICS) + " " + r.choice(
                ["spending", "results", "indicators", "figures", "cases", "output", "estimates"]),
            l=lab.lower(), y=y)
        note = None
        if r.random() < 0.5:
            note = r.choice(["Source: {o}.", "Note: figures rounded. Source: {o}",
                             "Source: {o}, {y}", "* provisional"]).format(o=self.org(), y=y)
        return {"title": self.clean(title), "head": [lab] + head,
                "rows": [[self.clean(c) for c in row] for row in rows],
                "note": self.clean(note) if note else None, "ts": ts}

    def table_items(self, a, w, spec=None, owner=None):
        spec = spec or self.table_spec(w)
        r = self.rng
        ts = spec["ts"]
        owner = a.idx if a is not None else owner
        ncol = len(spec["head"])
        first = w * (0.38 if ncol > 2 else 0.5)
        cw = (w - first) / (ncol - 1)
        xs = [0.0] + [first + k * cw for k in range(ncol - 1)]
        wid = [first] + [cw] * (ncol - 1)
        aligns = spec.get("aligns") or ["l"] + ["r"] * (ncol - 1)
        if spec.get("widths"):
            wid = [w * f for f in spec["widths"]]
            xs = [sum(wid[:k]) for k in range(ncol)]
        parts = [set_text(spec["title"], ts.but(bold=True), w, "table", None, owner), 2.0,
                 [rule_item(w, 4, 0.6)]]
        base = line_base(ts, ts.lead)

        def row(cells, bold=False):
            it = Item(ts.lead, w=w)
            t = ts.but(bold=bold)
            for k, c in enumerate(cells):
                while len(c) > 1 and sw(c, t.font, t.size) > wid[k] - 4:
                    c = c[:-1]
                c = c.strip()
                if not c:
                    continue
                it.lns.append(Ln(c, t, xs[k], base, wid[k] - 4, aligns[k], "table", None, owner))
            return it
        parts.append([row(spec["head"], True), rule_item(w, 3, 0.4)])
        parts.append([row(rw) for rw in spec["rows"]])
        parts.append([rule_item(w, 4, 0.6)])
        if spec["note"]:
            parts.append(set_text(spec["note"], ts.but(size=ts.size * 0.9, italic=True), w,
                                  "table", None, owner))
        self.not_articles.append({"text_start": spec["title"], "reason": "table"})
        return [stack(parts, w)]

    def form_items(self, w):
        r = self.rng
        ts = self.body_ts
        title = r.choice(["Reply slip", "Registration form", "Order form", "Membership application",
                          "Consent form", "Please return by {d}", "Booking form",
                          "Antwortformular", "Bulletin d'inscription"]).format(
            d=self.date_text(self.issue_date + dt.timedelta(days=r.randint(5, 30)), prefix_p=0))
        fields = r.sample(["Name", "Address", "Telephone", "E-mail", "Signature", "Date",
                           "Class", "Membership no.", "Number of tickets", "Child's name",
                           "Postcode", "Organisation", "Amount enclosed"], r.randint(3, 7))
        items = set_text(self.clean(title), ts.but(bold=True), w, "form")
        items.append(Item(4, gap=True))
        for f in fields:
            fill = r.choice(["_", ".", "_"]) * r.randint(12, 40)
            t = "%s: %s" % (f, fill)
            while sw(t, ts.font, ts.size) > w and len(t) > len(f) + 4:
                t = t[:-1]
            items += set_text(t, ts, w, "form")
            items.append(Item(ts.lead * 0.5, gap=True))
        if r.random() < 0.5:
            items += set_text(r.choice(["[ ] Yes   [ ] No", "[ ] I agree   [ ] I do not agree",
                                        "Tick one: [ ] member  [ ] guest"]), ts, w, "form")
        self.not_articles.append({"text_start": self.clean(title), "reason": "form"})
        box = stack([items], w, pad=6)
        box.rects.insert(0, (0, 0, w, box.h, None, True, 0.6))
        for ln in box.lns:
            ln.dx += 6
            ln.avail -= 12
        return [box]

    def block(self, fn, k=None):
        """A block that is no article (a table, a form), placed in the flow between articles."""
        k = k or self.ncols
        colw = self.flow.cols(k, gutter=self.gutter, rule=self.col_rule, balance=self.balance)
        self.flow.add([gap(6)] + fn(colw) + [gap(8)])

    def place_all(self, arts):
        r = self.rng
        p_pair = self.style.setdefault("p_side_by_side", round(r.uniform(0.1, 0.6), 2) if (
            self.ncols == 3 and self.kind in ("digest", "newsletter") and r.random() < 0.5)
            else 0.0)
        skip = set()
        for j, a in enumerate(arts):
            if j in skip:
                continue
            if callable(a):
                a()
                continue
            b = arts[j + 1] if j + 1 < len(arts) else None
            if p_pair and b is not None and not callable(b) and self.arts and \
                    r.random() < p_pair and self.typeset_pair(a, b):
                skip.add(j + 1)
                continue
            self.typeset(a)
            self.arts.append(a)
            if self.deferred and r.random() < 0.5:
                self.flush_deferred()
        self.flow.close(self.balance)
        self.flush_deferred()
        self.flow.close(self.balance)
        self.add_furniture()

    def own_defaults(self, a, outlet=None):
        """An item of a newsletter, gazette, record: the document's name and issue date unless
        it prints its own."""
        if a.gold["outlet"] is None:
            a.gold["outlet"] = outlet or self.name_printed()
        if a.gold["date"] is None:
            a.gold["date"] = self.issue_date.isoformat()

    def name_printed(self):
        return self.style.get("name_printed") or self.name

    # -- newsletter --------------------------------------------------------------------------
    def newsletter_name(self):
        r = self.rng
        nl = r.choice(NEWSLETTER_NAMES)
        x = r.random()
        P = self.namer.place()
        if x < 0.3:
            name = "%s %s %s" % (P, r.choice(["Primary School", "Residents' Association",
                                              "Parish", "Rowing Club", "Community Centre",
                                              "Chamber of Commerce", "Branch", "Allotment Society",
                                              "Hospital Trust", "Library", "Staff Association"]),
                                 nl)
        elif x < 0.55:
            name = self.org() + " " + nl
        elif x < 0.75:
            name = "The %s %s" % (P, nl)
        elif x < 0.9:
            name = "%s %s" % (r.choice(TOPICS), nl)
        else:
            name = "%s & %s %s" % (r.choice(TOPICS), r.choice(TOPICS), nl)
        return self.clean(name)

    def make_own_item(self, i, probs, target=(4.8, 0.6), by_p=0.5, run_kw=None):
        r = self.rng
        a = Art(i)
        tw = max(40, min(1200, int(r.lognormvariate(*target))))
        run = self.pool.run(r, tw, heads=r.random() < 0.3, bullets=r.choice(BULLETS),
                            exclude=self.used_src, **(run_kw or {}))
        title, form = self.vary_title(self.title_for(run), run)
        a.layout["headline_form"] = form
        title = self.clean(apply_case(title, self.head_case))
        tpl = self.with_standfirst(self.template(own=True))
        date = self.issue_date - dt.timedelta(days=r.randint(0, 12))
        by = self.byline(n=r.choice([1, 1, 1, 2])) if r.random() < by_p or "B" in tpl else None
        sub = self.subtitle_from(run, None) if "S" in tpl.split("|")[0].split() else None
        self.fill_meta(a, tpl, title, sub, date, None, by)
        a.layout["source_text"] = run["src"]
        a.paras = self.body_paras(run, probs["clip"] / 3)
        words = sum(len(t.split()) for _, t in a.paras)
        a.ncols = self.ncols if self.style["layout_kind"] != "mixed" else \
            r.choices([1, 2, 3], weights=[2, 4, 3])[0]
        a.span = r.random() < self.head_span_p
        a.new_page = r.random() < probs["new_page"]
        self.decorate(a, run, probs["photo"], probs["pull"], probs["sidebar"], probs["cont"],
                      words)
        return a

    def make_letter(self, i, kind="letter", n_paras=None):
        """A letter: salutation, paragraphs, signature (part of the body); the signer is the
        author."""
        r = self.rng
        a = Art(i)
        run = self.pool.run(r, int(r.uniform(80, 380)), heads=False, speakers=False,
                            genres={"news": 3, "interview": 2, "academic": 1, "court": 1},
                            exclude=self.used_src)
        paras = [(k if k != "head" else "p", self.clean(t)) for k, t in run["paras"]]
        paras = [(k, t) for k, t in paras if t][:n_paras or r.randint(1, 5)]
        signer = self.clean(self.namer.person())
        if kind == "chair":
            sal = r.choice(["Dear members,", "Dear parents and carers,", "Dear colleagues,",
                            "Dear friends,", "Dear all,", "Hello everyone,"])
            close = r.choice(["Best wishes,", "With best regards,", "Warm regards,", "Yours,",
                              None])
            after = [r.choice(["Chair", "Head Teacher", "President", "Secretary", "Director",
                               "Editor", "Chairperson"])]
        else:
            sal = r.choice(["Sir,", "Dear Editor,", "Madam,", "To the editor:", "Dear Sir,",
                            "Dear Sir or Madam,", "Sir —", None, None])
            close = r.choice(["Yours faithfully,", "Yours sincerely,", "Regards,", None, None,
                              None])
            after = r.choice([[self.namer.place()], [self.namer.place()], [],
                              [r.choice(["Retired teacher", "Member, " + self.org(),
                                         "Former councillor", "Professor of " + r.choice(TOPICS),
                                         "Chair, " + self.org()]), self.namer.place()]])
        a.layout["signature_align"] = r.choice(["l", "l", "r"])
        body = []
        if sal:
            body.append(("salutation", self.clean(sal)))
        body += paras
        sig_name = signer.upper() if r.random() < 0.2 else signer
        if r.random() < 0.15:
            sig_name = r.choice(TITLES[:3]) + " " + sig_name
        if close:
            body.append(("signature", self.clean(close)))
        if r.random() < 0.25 and after:
            body.append(("signature", self.clean(sig_name + ", " + ", ".join(after))))
        else:
            body.append(("signature", self.clean(sig_name)))
            for x in after:
                body.append(("signature", self.clean(x)))
        a.paras = body
        a.gold["authors"] = [sig_name.split(" ", 1)[1] if sig_name.split(" ")[0] in TITLES
                             else sig_name]
        a.layout["source_text"] = run["src"]
        a.layout["letter"] = True
        return a, run

    def build_newsletter(self):
        r = self.rng
        form = r.choices(["standard", "community", "periodical"], weights=[45, 40, 15])[0]
        self.style["newsletter_form"] = form
        if form == "community":
            return self.build_community_newsletter()
        if form == "periodical":
            return self.build_periodical()
        self.common_style(layout_weights=(30, 40, 15, 15))
        self.issue_date = self.rand_issue_date()
        self.name = self.newsletter_name()
        self.issue_no_s = self.issue_no()
        self.furniture_style(section=r.choice(["News", "Updates", "This month", "Inside",
                                               "Community", "Notices"]))
        self.flow = Flow(self.geom)
        if self.flag("masthead", 0.92):
            self.standard_masthead()
        probs = self.doc_probs()
        n = r.randint(2, 10)
        arts = []
        chair = r.random() < 0.35
        for i in range(n):
            x = r.random()
            if i == 0 and chair:
                a, run = self.make_letter(i, "chair")
                title = r.choice(["From the chair", "A word from the head", "Editorial",
                                  "Welcome", "President's message", "Letter from the editor",
                                  "Dear readers"])
                a.pre = [("headline", self.clean(apply_case(title, self.head_case)))]
                a.gold["title"] = a.pre[0][1]
                a.ncols = self.ncols
                a.layout["meta_template"] = "T|"
                a.layout["date_format"] = None
            elif x < 0.12:
                a = self.make_clipping(i, probs)
                a.layout["reprint"] = True
            else:
                a = self.make_own_item(i, probs)
            self.own_defaults(a)
            arts.append(a)
        if self.flag("contents", 0.3):
            self.contents(arts)
        if r.random() < 0.3:
            arts.insert(r.randint(1, len(arts)), lambda: self.block(
                lambda w: self.table_items(None, w, owner=None)))
        if r.random() < 0.2:
            arts.append(lambda: self.block(self.form_items))
        self.place_all(arts)

    # -- newsletters of a school or agency, and an agency's periodical -------------------------
    def build_community_newsletter(self):
        """A school's or agency's newsletter: a masthead with the name, volume and issue and the
        date, short items under headings in a display type (few with a byline, none with an
        outlet), boxes ("Upcoming events", "Contact us") that are no article, a calendar table,
        photos with captions."""
        r = self.rng
        self.common_style(layout_weights=(25, 50, 20, 5))
        d = self.rand_issue_date()
        month_only = self.flag("newsletter_month_date", 0.5)
        if month_only:
            d = d.replace(day=1)
        self.issue_date = d
        dtxt = "%s %d" % (MONTHS_EN[d.month - 1], d.year) if month_only else \
            self.date_text(d, prefix_p=0)
        self.date_strings.add(dtxt)
        P = self.namer.place()
        self.name = self.clean(r.choice([
            "{P} Primary School Newsletter", "The {P} Bulletin", "{O} News", "{T} Matters",
            "Inside {O}", "{P} Academy Update", "The {P} Times", "{P} Parish News",
            "Staff News", "{O} Newsletter", "{P} High School Herald", "Around {P}",
            "The {P} Link", "{T} Notes"]).format(P=P, O=self.org(), T=r.choice(TOPICS)))
        v, n = r.randint(1, 40), r.randint(1, 12)
        self.issue_no_s = self.clean(r.choice(["Volume {v}, Issue {n}", "Vol. {v} No. {n}",
                                               "Issue {m}", "Volume {v} · Number {n}"]).format(
            v=v, n=n, m=r.randint(2, 240)))
        self.furniture_style(section=r.choice(["News", "Updates", "This month", "Community",
                                               "School news"]))
        # headings in a display type
        fams = [f for f in available_families() if f != self.style["body_family"]]
        disp = r.choice(fams or [self.style["body_family"]])
        self.style["head_family"] = disp
        self.head_bold = self.flag("head_bold", 0.75)
        self.head_size = self.num("head_size", max(13, self.body_ts.size * 1.5),
                                  min(24, self.body_ts.size * 2.4))
        self.head_case = self.pick("head_case", ["title", "sentence", "caps"], [45, 35, 20])
        self.head_span_p = 0.0
        self.consistency = 0.85
        self.style["doc_template_own"] = "T|"
        self.flow = Flow(self.geom)
        w = self.geom.width
        mts = TS(disp, self.num("masthead_size", 22, 40), bold=r.random() < 0.8,
                 gray=r.choice([0, 0, 0.3]))
        al = self.pick("masthead_align", ["l", "c", "c"])
        name = self.name.upper() if r.random() < 0.25 else self.name
        self.style["name_printed"] = name
        self.name_forms = [name, self.name]
        its = self.meta_ts.but(size=round(self.body_ts.size * r.uniform(0.95, 1.2), 1),
                               italic=False)
        lines = [(name, mts, al)]
        sep = r.choice([" · ", " | ", "  —  ", ", "])
        if r.random() < 0.5:
            lines.append((self.clean(self.issue_no_s + sep + dtxt), its, al))
        else:
            lines.append((self.clean(dtxt + sep + self.issue_no_s), its, al))
        if r.random() < 0.5:
            lines.append((self.clean(r.choice([
                "News for parents, pupils and friends", "Serving the {P} community since {y}",
                "The staff newsletter of the {O}", "Keeping you informed",
                "News and events from around {P}"]).format(
                P=P, y=r.randint(1950, 2010), O=self.org())), its.but(italic=True), al))
        self.masthead(lines)
        probs = self.doc_probs()
        probs["photo"] = round(r.uniform(0.2, 0.6), 2)
        probs["sidebar"] = 0.0
        probs["cont"] = 0.0
        probs["new_page"] = 0.0
        self.style["p_photo"] = probs["photo"]
        arts = []
        for i in range(r.randint(3, 10)):
            a = self.make_own_item(i, probs, target=(4.3, 0.55), by_p=0.2)
            self.own_defaults(a)
            a.layout["community"] = True
            arts.append(a)
        boxes = r.sample(["events", "contact", "diary", "reminders", "hours", "didyouknow"],
                         r.randint(1, 3))
        for b in boxes:
            arts.insert(r.randint(1, len(arts)), lambda b=b: self.block(
                lambda w_: self.community_box(w_, b)))
        if r.random() < 0.45:
            arts.insert(r.randint(1, len(arts)), lambda: self.block(
                lambda w_: self.table_items(None, w_, spec=self.calendar_spec(w_), owner=None)))
        if self.flag("contents", 0.2):
            self.contents([x for x in arts if not callable(x)])
        self.place_all(arts)

    def community_box(self, w, kind):
        """A box that is no article: upcoming events, contact details, office hours (sidebar
        lines owned by no article)."""
        r = self.rng
        ts = self.body_ts.but(size=round(self.body_ts.size * r.uniform(0.88, 1.0), 1))
        title = {"events": ["Upcoming events", "What's on", "Coming up"],
                 "contact": ["Contact us", "Get in touch", "How to reach us"],
                 "diary": ["Dates for your diary", "Important dates", "Key dates"],
                 "reminders": ["Reminders", "Please remember", "Notices"],
                 "hours": ["Office hours", "Opening times"],
                 "didyouknow": ["Did you know?", "In brief"]}[kind]
        title = r.choice(title)
        lines = []
        d = self.issue_date
        if kind in ("events", "diary"):
            for _ in range(r.randint(3, 7)):
                dd = d + dt.timedelta(days=r.randint(1, 60))
                lines.append(r.choice(["{wd} {d} {m}: {e}", "{d} {m} — {e}", "{m} {d}: {e}",
                                       "{wd} {d}/{mm} {e}"]).format(
                    wd=WEEKDAYS_EN[dd.weekday()][:3], d=dd.day, m=MONTHS_EN[dd.month - 1],
                    mm=dd.month, e=r.choice(EVENTS).format(P=self.namer.place(),
                                                          t=r.choice(TOPICS).lower(),
                                                          h=r.randint(1, 9))))
        elif kind == "contact":
            pl = strip_accents(self.namer.place1().lower()).replace(" ", "")
            lines = [self.org(), "%d %s Road, %s" % (r.randint(1, 200), self.namer.place1(),
                                                    self.namer.place()),
                     "Tel. (%03d) %03d %04d" % (r.randint(10, 999), r.randint(100, 999),
                                                r.randint(0, 9999)),
                     "E-mail: office@%s.org" % pl, "www.%s.org" % pl]
            lines = lines[:r.randint(3, 5)]
        elif kind == "hours":
            lines = ["Monday to Friday: %d a.m. – %d p.m." % (r.randint(7, 9), r.randint(3, 6)),
                     "Saturday: %s" % r.choice(["closed", "10 a.m. – 1 p.m."]),
                     r.choice(["Closed on public holidays.", "Appointments by arrangement."])]
        else:
            sents = [s for s in self.pool.heads if len(s.split()) >= 3]
            lines = [r.choice(["Please label all uniform and lunch boxes.",
                               "Forms must be returned by {d}.", "The car park is closed on {d}.",
                               "New members are always welcome.",
                               "Volunteers are needed for the {t} fair."]).format(
                d=fmt_date("en_dmy", d + dt.timedelta(days=r.randint(3, 30))),
                t=r.choice(TOPICS).lower()) for _ in range(r.randint(2, 4))]
            if sents and r.random() < 0.4:
                lines.append(r.choice(sents) + ".")
        bullet = r.choice(["", "", "• "])
        tts = TS(self.style["head_family"], round(ts.size * r.uniform(1.1, 1.4), 1), bold=True)
        parts = [set_text(self.clean(title), tts, w - 12, "sidebar", None, None, dx=6), 3.0]
        for t in lines:
            parts.append(set_text(self.clean(bullet + t), ts, w - 12, "sidebar", None, None, dx=6,
                                  hyph=Hyphenator(self.L.words, soft=False)))
            parts.append(1.5)
        box = stack(parts, w, pad=6)
        box.rects.insert(0, (0, 0, w, box.h, r.choice([None, 0.9, 0.93, 0.85]), True,
                             r.choice([0.5, 1.0, 1.5])))
        self.style["boxes"] = self.style.get("boxes", 0) + 1
        return [box]

    def calendar_spec(self, w):
        r = self.rng
        ts = self.body_ts.but(size=round(self.body_ts.size * r.uniform(0.8, 0.95), 1))
        d = self.issue_date
        head = r.choice([["Date", "Event", "Time"], ["Date", "Event"], ["Day", "Date", "Event"],
                         ["When", "What", "Where"]])
        rows = []
        for k in sorted(r.sample(range(1, 45), r.randint(3, 9))):
            dd = d + dt.timedelta(days=k)
            ev = r.choice(EVENTS).format(P=self.namer.place(), t=r.choice(TOPICS).lower(),
                                         h=r.randint(1, 9))
            row = {"Date": "%d %s" % (dd.day, MONTHS_EN[dd.month - 1][:3]),
                   "Event": ev, "Time": "%d.%02d" % (r.randint(8, 19), r.choice([0, 15, 30])),
                   "Day": WEEKDAYS_EN[dd.weekday()][:3], "When": "%d/%d" % (dd.day, dd.month),
                   "What": ev, "Where": self.namer.place1()}
            rows.append([self.clean(row[h]) for h in head])
        self.table_no = getattr(self, "table_no", 0) + 1
        title = self.clean(r.choice(["Calendar", "Calendar of events", "Term dates",
                                     "Events in %s" % MONTHS_EN[d.month - 1], "Diary"]))
        wide = {"Event": 3.0, "What": 3.0, "Where": 1.6}
        fr = [wide.get(h, 1.0) for h in head]
        return {"title": title, "head": head, "rows": rows, "note": None, "ts": ts,
                "widths": [x / sum(fr) for x in fr],
                "aligns": ["r" if h == "Time" else "l" for h in head]}

    def build_periodical(self):
        """One or two reports of an agency's weekly (an MMWR-like periodical): no masthead, the
        periodical's name and date only in the footer beside a page number on the outer edge,
        titles over both columns, bylines with degrees, affiliation and corresponding-author
        lines, tables, footnotes, a reference list."""
        r = self.rng
        self.common_style(layout_weights=(0, 85, 15, 0))
        self.issue_date = self.rand_issue_date()
        T = r.choice(TOPICS)
        self.name = self.clean(r.choice([
            "{T} Surveillance Weekly", "Weekly {T} Report", "{T} and {T2} Bulletin",
            "{P} Public Health Weekly", "Weekly Epidemiological Notes", "{T} Statistics Review"])
            .format(T=T, T2=r.choice(TOPICS), P=self.namer.place()))
        abbr = "".join(w_[0] for w_ in self.name.split() if w_[:1].isupper())
        printed = abbr if r.random() < 0.6 else self.name
        self.style["name_printed"] = printed
        self.name_forms = [printed]
        v, no = r.randint(20, 70), r.randint(1, 52)
        self.issue_no_s = "Vol. %d, No. %d" % (v, no)
        dtxt = self.date_text(self.issue_date, r.choice(["en_mdy", "en_mdy", "en_dmy"]),
                              prefix_p=0)
        foot = self.clean(r.choice(["{N} / {D} / Vol. {v}", "{N} / {D} / Vol. {v} / No. {n}",
                                    "{N} · {D} · Vol. {v}"]).format(N=printed, D=dtxt, v=v,
                                                                    n=no))
        self.furniture_style()
        self.page_offset = r.randint(1, 1400)
        self.custom_slots["per_foot"] = lambda p, n: foot
        self.custom_slots["per_page"] = lambda p, n: str(p + self.page_offset)
        self.pageno_slots = {"per_page"}
        self.custom_slots["per_sec"] = lambda p, n: sec
        sec = self.clean(r.choice(["Weekly", "Supplement", "Notes from the Field",
                                   "Surveillance Summaries", "Recommendations and Reports"]))
        self.hdr = [("c", "per_sec")] if r.random() < 0.6 else []
        self.ftr = [("l", "per_page"), ("c", "per_foot")] if r.random() < 0.5 else \
            [("r", "per_page"), ("l", "per_foot")]
        self.alternate = True
        self.hdr_first = True
        self.ftr_first = True
        self.ftr_first_only = False
        self.hdr_join = self.ftr_join = False
        st = self.style
        st["header"], st["footer"] = bool(self.hdr), True
        st["header_slots"] = " ".join("%s:%s" % x for x in self.hdr)
        st["footer_slots"] = " ".join("%s:%s" % x for x in self.ftr)
        g = self.geom
        self.geom = Geom(g.w, g.h, g.ml, g.mr, g.mt, g.mb,
                         self.hf_ts.lead + 10 if self.hdr else 0, self.hf_ts.lead + 12)
        self.flow = Flow(self.geom)
        self.head_span_p = 1.0
        self.head_align = "c"
        arts = []
        for i in range(r.choice([1, 1, 2])):
            a = Art(i)
            run = self.pool.run(r, int(r.uniform(500, 1400)), heads=True, speakers=False,
                                genres={"academic": 4, "news": 2}, exclude=self.used_src)
            title = self.clean(apply_case(self.report_title(run) if r.random() < 0.8 else
                                          synth_title(r, r.choice(run["spare"] or [
                                              "Surveillance report"])), "title"))
            if r.random() < 0.4:
                title = self.clean("%s — %s, %d" % (title, self.namer.place(),
                                                    self.issue_date.year - 1))
            names = [self.clean(self.namer.person()) for _ in range(r.randint(1, 4))]
            degs = [r.choice(["PhD", "MD", "MPH", "MD, MPH", "DrPH", "MS", "PhD, MPH", "MSc",
                              ""]) for _ in names]
            by = ", ".join(x + (", " + dg if dg else "") for x, dg in zip(names, degs))
            pre = [("headline", title)]
            if r.random() < 0.3:
                pre.append(("standfirst", self.clean(self.subtitle_from(run, None) or
                                                     "Summary of findings")))
            pre.append(("byline", self.clean(by)))
            aff = self.clean(r.choice(["{D}, {O}", "{O}", "Division of {T}, {O}",
                                       "{D}; {O2}"]).format(
                D=r.choice(DEPARTMENTS), O=self.org(), O2=self.org(), T=r.choice(TOPICS)))
            pre.append(("kicker", aff))
            if r.random() < 0.6:
                pre.append(("kicker", self.clean(
                    "Corresponding author: %s, %s. Telephone: %03d-%03d-%04d; E-mail: %s@%s.org."
                    % (names[0], aff, r.randint(200, 989), r.randint(200, 999),
                       r.randint(0, 9999), strip_accents(names[0].split()[-1].lower()),
                       strip_accents(self.namer.place1().lower()).replace(" ", "")))))
            a.pre = pre
            a.align_of = {"byline": "c", "kicker": "c", "standfirst": "c"}
            a.ts_over["kicker"] = self.meta_ts.but(italic=True)
            a.gold["title"] = title
            a.gold["subtitle"] = next((t for ro, t in pre if ro == "standfirst"), None)
            a.gold["authors"] = names
            a.layout["meta_template"] = " ".join({"headline": "T", "standfirst": "S",
                                                  "byline": "B", "kicker": "K"}[x[0]]
                                                 for x in pre) + "|"
            a.layout["date_format"] = None
            a.layout["periodical"] = True
            a.paras = []
            for k_, t in run["paras"]:
                t = self.clean(t)
                if not t:
                    continue
                a.paras.append((k_ if k_ in ("p", "head", "item", "quote") else "p", t))
            a.span = True
            a.ncols = self.ncols
            a.new_page = False
            a.table = r.random() < 0.6
            self.own_defaults(a)
            fr = r.choice([0.0, 0.1, 0.2])
            if fr:
                self.add_footnote_marks(a, fr)
            arts.append(a)
            if r.random() < 0.7:
                arts.append(lambda: self.block(self.reference_items))
        self.place_all(arts)

    # -- gazette -----------------------------------------------------------------------------
    def gazette_name(self):
        r = self.rng
        P = self.namer.place()
        return self.clean(r.choice([
            "{P} Official Gazette", "Official Journal of {P}", "{P} Government Gazette",
            "The {P} Gazette", "{A} Register", "Bulletin officiel de {P}", "Amtsblatt für {P}",
            "Gazzetta Ufficiale di {P}", "Boletín Oficial de {P}", "{P} Provincial Gazette",
            "{A} Gazette", "Official Bulletin of the {P} Region"]).format(
            P=P, A=r.choice(["Federal", "National", "Commonwealth", "State", "Territorial",
                             "Republic", "Union", "Regional"])))

    def gazette_title(self):
        r = self.rng
        T = r.choice(TOPICS)
        P = self.namer.place()
        return self.clean(r.choice([
            "{T} Standards for {N}; {P}", "Notice of Public Meeting of the {T} Advisory Committee",
            "Agency Information Collection Activities; Proposed Collection; Comment Request",
            "{T} Plans; {P}; Revisions to the {T2} Program", "Request for Comments on {T} {N}",
            "Designation of {P} as a {T} Area", "Final Determination on {T} {N} From {P}",
            "Amendment of {T} Rules for {N}", "Petition for Exemption; Summary of {T} Petition",
            "Sunshine Act Meetings", "Privacy Act of {Y}; System of Records",
            "{T} and {T2} Grants; Notice of Funding Availability",
            "Environmental Impact Statement; {P} {N} Project"]).format(
            T=T, T2=r.choice(TOPICS), P=P, Y=r.randint(1970, 2015),
            N=r.choice(["Facilities", "Vessels", "Equipment", "Products", "Services",
                        "Installations", "Operators", "Programs", "Devices"])))

    def build_gazette(self):
        r = self.rng
        self.common_style(layout_weights=(12, 38, 45, 5), base14_p=0.3)
        # gazettes: small type, bold capital headings, few decorations
        size = self.num("body_size", 8.0, 9.6 if self.ncols > 1 else 10.5)
        self.body_ts = TS(self.body_ts.fam, size, lead=round(size * self.style["leading"], 2))
        self.xhead_ts = self.body_ts.but(bold=True)
        self.xhead_caps = False
        d = self.rand_issue_date()
        while d.weekday() > 4:
            d += dt.timedelta(days=1)
        self.issue_date = d
        self.name = self.gazette_name()
        vol, no = r.randint(20, 95), r.randint(1, 252)
        self.issue_no_s = "Vol. %d, No. %d" % (vol, no)
        section = self.clean(r.choice(["Notices", "Rules and Regulations", "Proposed Rules",
                                       "Announcements", "Avis", "Bekanntmachungen",
                                       "Public Notices", "Regulations"]))
        self.page_offset = r.randint(1000, 79999)
        gdate = self.date_text(d, r.choice(["en_wmdy", "en_wdmy", self.date_fmt]), prefix_p=0)
        sep = r.choice([" / ", " | ", " · ", "  "])
        ghead = self.clean(sep.join([self.name, self.issue_no_s, gdate, section]))
        self.custom_slots["ghead"] = lambda p, n: ghead
        self.custom_slots["pageno_g"] = lambda p, n: str(p + self.page_offset)
        jkt, fmt = r.randint(100000, 299999), r.choice([4701, 4702, 4703, 4705])
        frm0 = r.randint(1, 300)
        mon = MONTHS_EN[(d - dt.timedelta(days=1)).month - 1][:3]
        path = "%s%s" % (r.choice(["E:\\GZ\\FM\\", "G:\\PUB\\", "/prod/gz/"]), d.strftime("%d%b")
                         .upper() + r.choice(["N1", "R1", "P1"]) + ".SGM")
        code = self.clean(r.choice([
            "VerDate {mon}<{dd}>{yyyy} {hh}:{mm} {Mon} {dd2}, {yyyy} Jkt {jkt} PO 00000 "
            "Frm {frm:05d} Fmt {fmt} Sfmt {fmt} {path}",
            "Jkt {jkt} PO 00000 Frm {frm:05d} Fmt {fmt} Sfmt {fmt}",
            "{path} Frm {frm:05d} Fmt {fmt}", "Job {jkt} · sheet {frm:03d} · {path}"]).replace(
            "{mon}", mon).replace("{Mon}", mon).replace("{dd}", "%02d" % r.randint(1, 28))
            .replace("{dd2}", "%02d" % max(1, d.day - 1)).replace("{yyyy}", str(d.year))
            .replace("{hh}", "%02d" % r.randint(0, 23)).replace("{mm}", "%02d" % r.randint(0, 59))
            .replace("{jkt}", str(jkt)).replace("{fmt}", str(fmt)).replace("{path}", path))
        self.custom_slots["gcode"] = lambda p, n: code.replace("{frm:05d}", "%05d" % (frm0 + p)) \
            .replace("{frm:03d}", "%03d" % (frm0 + p))
        st = self.style
        st["header"] = True
        self.hdr = [("l", "pageno_g"), ("c", "ghead")] if r.random() < 0.5 else \
            [("l", "ghead"), ("r", "pageno_g")]
        self.ftr = [("l", "gcode")] if r.random() < 0.85 else []
        st["footer"] = bool(self.ftr)
        st["header_slots"] = " ".join("%s:%s" % x for x in self.hdr)
        st["footer_slots"] = " ".join("%s:%s" % x for x in self.ftr)
        st["page_number_place"] = "hdr"
        st["page_number_style"] = "{p}"
        self.hdr_join = False
        self.ftr_join = False
        self.hdr_first = self.flag("header_on_first", 0.3)
        self.ftr_first = self.flag("footer_on_first", 0.9)
        self.alternate = self.flag("alternate_sides", 0.8)
        self.hdr_rule = self.flag("header_rule", 0.7)
        self.ftr_rule = False
        self.hf_ts = TS(self.style["meta_family"], round(size * r.uniform(0.8, 1.0), 1),
                        bold=r.random() < 0.3)
        self.print_code = ""
        self.code_vals = {}
        g = self.geom
        self.geom = Geom(g.w, g.h, g.ml, g.mr, g.mt, g.mb, self.hf_ts.lead + 10,
                         self.hf_ts.lead + 8 if self.ftr else 0)
        self.flow = Flow(self.geom)
        mform = self.pick("gazette_masthead", ["none", "name", "section"], [35, 35, 30])
        self.style["masthead"] = mform != "none"
        if mform == "name":
            mts = TS(self.style["head_family"], self.num("masthead_size", 18, 34), bold=True)
            self.style["name_printed"] = self.name
            self.masthead([(self.name, mts, "c"),
                           (self.clean("%s%s%s" % (self.issue_no_s, sep, gdate)),
                            self.body_ts.but(bold=True), "c")])
        elif mform == "section":
            self.section_masthead(section, gdate)
        probs = {"clip": 0, "new_page": 0}
        n = r.randint(2, 10)
        arts = []
        runin = self.flag("gazette_runin_headings", 0.6)
        self.gz_fn_rate = self.pick("footnote_rate", [0.0, 0.0, 0.05, 0.15])
        for i in range(n):
            arts.append(self.make_gazette_doc(i, runin))
        if self.flag("contents", 0.35):
            self.contents(arts, heading=r.choice(["Contents", "CONTENTS", "In this issue",
                                                  "Table of Contents"]))
        if mform == "section" and self.flag("standing_note", 0.6):
            arts.insert(0, lambda: self.block(lambda w: self.standing_note(w, section)))
        self.place_all(arts)

    def section_masthead(self, section, gdate):
        """The opening page of a gazette's section: the section's name large on one side, the
        gazette's name, volume and number and date on the other (all masthead)."""
        r = self.rng
        w = self.geom.width
        big = TS(self.style["head_family"], self.num("masthead_size", 22, 36), bold=True)
        small = self.body_ts.but(bold=r.random() < 0.6, size=round(self.body_ts.size * 1.1, 1))
        left = set_text(section, big, w * 0.5, "masthead", align="l")
        rl = [self.name, self.issue_no_s, gdate]
        if r.random() < 0.3:
            rl = [self.name, "%s%s%s" % (self.issue_no_s, r.choice([", ", " · "]), gdate)]
        right = []
        for t in rl:
            right += set_text(self.clean(t), small, w * 0.45, "masthead", align="r")
        L, R = stack([left], w * 0.5), stack([right], w * 0.45)
        if r.random() < 0.5:
            L, R = R, L
            for ln in L.lns:
                ln.align = "l"
            for ln in R.lns:
                ln.align = "r"
        wr = w * 0.5 if R.lns[0].avail >= w * 0.5 - 1 else w * 0.45
        for ln in R.lns:
            ln.dx += w - wr
        it = Item(max(L.h, R.h) + 4, lns=L.lns + R.lns, w=w)
        self.style["name_printed"] = self.name
        self.flow.cols(1, gutter=self.gutter)
        self.flow.add([it, rule_item(w, 10, r.choice([0.8, 1.5, 2.5]))])
        self.flow.close(after=r.uniform(6, 14))

    def standing_note(self, w, section):
        """The section's standing note (not an article: role other, not_articles reason other)."""
        r = self.rng
        ts = self.body_ts.but(italic=r.random() < 0.5, size=round(self.body_ts.size * 0.95, 1))
        t = self.clean(r.choice([
            "This section of the {N} contains {s} issued by agencies under the {T} Act. Each "
            "document states how and until when comments may be submitted.",
            "The {s} in this section are published to inform the public of actions of the "
            "agencies listed. Readers should consult each document for its effective date.",
            "This part of the {N} prints {s}. Documents appear in the order in which they were "
            "received by the editor."]).format(N=self.name, s=section.lower(),
                                               T=r.choice(TOPICS)))
        items = set_text(t, ts, w - 10, "other", dx=5, hyph=self.hyph)
        box = stack([items], w, pad=5)
        box.rects.insert(0, (0, 0, w, box.h, None, True, 0.6))
        self.not_articles.append({"text_start": items[0].lns[0].text, "reason": "other"})
        return [box]

    def make_gazette_doc(self, i, runin):
        r = self.rng
        a = Art(i)
        dept = ("Department of " + r.choice(TOPICS)) if r.random() < 0.7 else self.org()
        agency = r.choice(["{T} Administration", "Office of {T} Programs", "{T} Service",
                           "Bureau of {T}", "{T} Agency", "{T} Safety Board",
                           "Commission on {T}"]).format(T=r.choice(TOPICS))
        docket = r.choice(["[Docket No. {c}-{y}-{n:04d}]", "[{c}-{n:04d}; {y}]",
                           "[Docket No. {n}-{m}]", "[File No. {c}/{y}/{n}]",
                           "[Ref. {c} {n:04d}/{y}]"]).format(
            c="".join(r.choice("ABCDEFGHKLMNPRSTW") for _ in range(r.randint(2, 4))),
            y=self.issue_date.year - r.randint(0, 1), n=r.randint(1, 9999), m=r.randint(1, 99))
        caps = r.random() < 0.7
        pre = []
        if r.random() < 0.9:
            pre.append(("kicker", dept.upper() if caps else dept))
        if r.random() < 0.8:
            pre.append(("kicker", agency))
        if r.random() < 0.35:
            n1 = r.randint(1, 50)
            pre.append(("kicker", r.choice(["{n} CFR Part {m}", "{n} CFR Parts {m} and {m2}",
                                            "Title {n}, Part {m}", "{n} CFR Ch. {R}"]).format(
                n=n1, m=r.randint(1, 999), m2=r.randint(1000, 1999),
                R=r.choice(["I", "II", "III", "IV", "V"]))))
        if r.random() < 0.85:
            if r.random() < 0.25:
                docket = docket[:-1] + "; %s Identifier %d-%s-%03d-%s]" % (
                    r.choice(["Product", "Project", "Site"]), self.issue_date.year - 1,
                    "".join(r.choice("ABCDEFGHKLMNPRSTW") for _ in range(2)), r.randint(1, 999),
                    r.choice(["AD", "R", "N"]))
            pre.append(("kicker", docket))
        if r.random() < 0.3:
            pre.append(("kicker", "RIN %04d-%s%s%02d" % (r.randint(1000, 3299),
                                                         r.choice("ABCDEFGHK"),
                                                         r.choice("ABCDEFGHK"), r.randint(0, 99))))
        title = self.gazette_title()
        pre.append(("headline", title))
        a.pre = [(role, self.clean(t)) for role, t in pre]
        a.gold["title"] = a.pre[-1][1]
        a.layout["meta_template"] = "K* T|"
        a.layout["date_format"] = None
        a.gold["outlet"] = self.name_printed()
        a.gold["date"] = self.issue_date.isoformat()
        run = self.pool.run(r, int(r.uniform(250, 1400)), heads=True, speakers=False,
                            top=False, genres={"court": 2, "academic": 2, "news": 2},
                            exclude=self.used_src)
        paras = []
        lead_ts = self.body_ts.but(bold=True)
        a.leads = {}

        def hpara(head, text):
            if runin and (len(head) <= 12 or r.random() < 0.3):
                a.leads[len(paras)] = (head, lead_ts)
                paras.append(("p", self.clean(head + " " + text)))
            else:
                paras.append(("head", self.clean(head)))
                paras.append(("p", self.clean(text)))
        hpara("AGENCY:", "%s, %s." % (agency, dept))
        hpara("ACTION:", r.choice(["Notice.", "Final rule.", "Proposed rule.",
                                   "Notice of public meeting.", "Notice of availability.",
                                   "Request for comments."]))
        sents = [x for k, t in run["paras"] if k == "p" for x in
                 re.split(r"(?<=[.!?])\s+(?=[A-Z])", t)]
        hpara("SUMMARY:", " ".join(sents[:r.randint(2, 4)]) or "This notice announces a meeting.")
        due = self.issue_date + dt.timedelta(days=r.choice([15, 30, 45, 60]))
        hpara("DATES:", r.choice(["Comments must be received on or before {d}.",
                                  "The meeting will be held on {d}, from 9 a.m. to 4 p.m.",
                                  "This rule is effective {d}."]).format(
            d=fmt_date("en_mdy", due)))
        if r.random() < 0.7:
            if r.random() < 0.4:
                hpara("ADDRESSES:", r.choice([
                    "You may send comments by any of the following methods:",
                    "Send comments, identified by the docket number, by one of these means:",
                    "Comments may be submitted as follows:"]))
                pl = strip_accents(self.namer.place1().lower()).replace(" ", "")
                b = r.choice(["• ", "• ", "– ", "▪ "])
                opts = ["Online: use the comment form at www.%s.gov/comments." % pl,
                        "E-mail: comments@%s.gov. Include the docket number in the subject "
                        "line." % pl,
                        "Fax: (%03d) %03d-%04d." % (r.randint(200, 989), r.randint(200, 999),
                                                    r.randint(0, 9999)),
                        "Post: %s, %s, %s." % (agency, self.namer.place(), self.namer.place()),
                        "By hand: Room %d, %s, between 9 a.m. and 5 p.m., Monday through "
                        "Friday." % (r.randint(100, 990), self.namer.place())]
                for t in r.sample(opts, r.randint(2, 4)):
                    paras.append(("item", self.clean(b + t)))
            else:
                hpara("ADDRESSES:", "You may send comments to the %s, %s, %s." % (
                    agency, self.namer.place(), self.namer.place()))
        hpara("FOR FURTHER INFORMATION CONTACT:", "%s, %s, %s; telephone (%03d) %03d-%04d." % (
            self.namer.person(), r.choice(ROLES), agency, r.randint(200, 989),
            r.randint(200, 999), r.randint(0, 9999)))
        sup = "SUPPLEMENTARY INFORMATION:"
        paras.append(("head", sup))
        num = ["I.", "II.", "III.", "IV.", "V.", "VI."]
        k = 0
        rest = [(kk, t) for kk, t in run["paras"] if kk != "item"][1:] or run["paras"]
        if rest and rest[0][0] != "head":
            paras.append(("head", "%s Background" % num[k]))
            k += 1
        lettered = r.random() < 0.3
        nl = 0
        for kk, t in rest:
            if kk == "head":
                if k < len(num):
                    paras.append(("head", self.clean("%s %s" % (num[k], t))))
                    k += 1
                continue
            if lettered and r.random() < 0.4 and nl < 12:
                # "(c) Heading" over a paragraph, or run in at its start
                hd = "(%s) %s" % ("abcdefghijkl"[nl], self.subheading())
                nl += 1
                if r.random() < 0.5:
                    paras.append(("head", self.clean(hd)))
                else:
                    a.leads[len(paras)] = (self.clean(hd) + ".", lead_ts)
                    paras.append(("p", self.clean(hd) + ". " + self.clean(t)))
                    continue
            paras.append(("p", self.clean(t)))
        while paras and paras[-1][0] == "head":
            paras.pop()
        sd = fmt_date("en_mdy", self.issue_date - dt.timedelta(days=r.randint(2, 9)))
        paras.append(("p", self.clean(r.choice(["Dated: %s.", "Dated: %s.", "Issued in {P}, on %s."
                                                ]).replace("{P}", self.namer.place()) % sd)))
        paras.append(("p", self.clean(self.namer.person() + ",")))
        paras.append(("p", self.clean(r.choice(ROLES) + ", " + agency + ".")))
        a.paras = paras
        a.layout["gazette"] = True
        if self.gz_fn_rate:
            self.add_footnote_marks(a, self.gz_fn_rate)
        tail = []
        if r.random() < 0.8:
            tail.append("[%s Doc. %d-%05d Filed %d-%d-%02d; 8:45 am]" % (
                r.choice(["FR", "GZ", "OJ", "Gaz."]), self.issue_date.year, r.randint(1, 29999),
                (self.issue_date - dt.timedelta(days=1)).month,
                (self.issue_date - dt.timedelta(days=1)).day, self.issue_date.year % 100))
        if r.random() < 0.6:
            tail.append("BILLING CODE %04d-%02d-P" % (r.randint(1000, 9999), r.randint(1, 99)))
        a.other_tail = [self.clean(t) for t in tail]
        a.ncols = self.ncols
        return a

    # -- record ------------------------------------------------------------------------------
    def build_record(self):
        r = self.rng
        self.common_style(layout_weights=(10, 50, 35, 5), base14_p=0.3)
        size = self.num("body_size", 8.2, 9.8 if self.ncols > 1 else 10.5)
        self.body_ts = TS(self.body_ts.fam, size, lead=round(size * self.style["leading"], 2))
        self.xhead_caps = False
        d = self.rand_issue_date()
        self.issue_date = d
        P = self.namer.place()
        self.name = self.clean(r.choice([
            "{P} Legislative Record", "Record of Proceedings", "{A} Assembly Record",
            "Official Report of Debates", "Proceedings of the {P} Assembly",
            "Journal des débats de {P}", "{A} Parliamentary Record", "{P} Council Proceedings",
            "Debates of the {A} Chamber"]).format(P=P, A=r.choice(
                ["National", "Federal", "State", "Provincial", "Regional", "General"])))
        chamber = r.choice(["HOUSE", "SENATE", "ASSEMBLY", "COUNCIL", "CHAMBER"])
        self.chamber = chamber
        letter = chamber[0]
        self.page_offset = r.randint(100, 12000)
        rdate = self.date_text(d, r.choice(["en_mdy", "en_wmdy", "en_dmy", self.date_fmt]),
                               prefix_p=0)
        sep = r.choice([" — ", " - ", " | ", "  "])
        self.custom_slots["pageno_code"] = lambda p, n: "%s%d" % (letter, p + self.page_offset)
        self.custom_slots["rec_name"] = lambda p, n: self.clean(self.name.upper() + sep + chamber)
        self.custom_slots["rec_date"] = lambda p, n: rdate
        st = self.style
        self.hdr = [("l", "pageno_code"), ("c", "rec_name"), ("r", "rec_date")]
        self.ftr = []
        if r.random() < 0.5:
            self.ftr = [("c", "rec_code")]
            ccode = r.choice(["{c}{n}", "VerDate {d} Jkt {n} Frm {p:05d}",
                              "• This \"bullet\" symbol identifies statements not spoken."])
            n0 = r.randint(10000, 99999)
            self.custom_slots["rec_code"] = lambda p, n: self.clean(ccode.format(
                c="".join(r.choice("ABCDEFGH") for _ in range(0)) + "%s%02d" % (letter, p),
                n=n0, d=d.strftime("%b %d %Y"), p=p + self.page_offset))
        st["header"] = True
        st["footer"] = bool(self.ftr)
        st["header_slots"] = " ".join("%s:%s" % x for x in self.hdr)
        st["footer_slots"] = " ".join("%s:%s" % x for x in self.ftr)
        st["page_number_place"] = "hdr"
        self.hdr_join = self.flag("header_joined", 0.2)
        self.ftr_join = False
        self.hdr_first = self.flag("header_on_first", 0.4)
        self.ftr_first = True
        self.alternate = self.flag("alternate_sides", 0.8)
        self.hdr_rule = self.flag("header_rule", 0.6)
        self.ftr_rule = False
        self.hf_ts = TS(self.style["meta_family"], round(size * r.uniform(0.85, 1.05), 1),
                        bold=r.random() < 0.3)
        g = self.geom
        self.geom = Geom(g.w, g.h, g.ml, g.mr, g.mt, g.mb, self.hf_ts.lead + 10,
                         self.hf_ts.lead + 8 if self.ftr else 0)
        self.flow = Flow(self.geom)
        self.head_case = "caps"
        self.head_align = self.pick("head_align", ["c", "c", "l"])
        self.head_size = self.num("head_size", size * 1.0, size * 1.4)
        self.head_bold = self.flag("head_bold", 0.8)
        self.head_span_p = 0.0
        self.style["name_printed"] = self.clean(self.name.upper())  # as the running head prints it
        if self.flag("masthead", 0.5):
            mts = TS(self.style["head_family"], self.num("masthead_size", 18, 34), bold=True)
            self.style["name_printed"] = self.name
            self.masthead([
                (self.name, mts, "c"),
                (self.clean("%s %s SESSION" % (r.choice(["FIRST", "SECOND", "THIRD"]),
                                               r.choice(["ORDINARY", "REGULAR", "SPECIAL"]))),
                 self.body_ts.but(bold=True), "c"),
                (self.clean("Vol. %d%s%s%sNo. %d" % (r.randint(10, 180), sep, rdate, sep,
                                                   r.randint(1, 220))), self.body_ts, "c")])
        self.rec_period = self.flag("record_heading_period", 0.4)
        self.rec_sc = self.flag("record_heading_smallcaps", 0.25)
        self.rec_proc_p = self.num("record_procedural_p", 0.0, 0.8, 2)
        n = r.randint(2, 9)
        arts = [self.make_record_item(i) for i in range(n)]
        self.place_all(arts)

    def roll_call(self, a, paras):
        """A recorded vote: the count, then the names of each side in several columns (table
        lines owned by the item, not_articles reason table), then the result (body)."""
        r = self.rng
        yeas, nays, nv = r.randint(20, 240), r.randint(10, 220), r.randint(0, 60)
        paras.append(("p", self.clean(r.choice([
            "The vote was taken by electronic device, and there were—yeas {y}, nays {n}, not "
            "voting {v}, as follows:", "The question was taken; and there were—yeas {y}, nays "
            "{n}, answered \"present\" {p}, not voting {v}, as follows:",
            "The roll was called, and there were—yeas {y}, nays {n}:"]).format(
            y=yeas, n=nays, v=nv, p=r.randint(1, 5)))))
        j = len(paras) - 1
        caps = r.random() < 0.3
        sep = r.choice(["—", "—", "-", " "])

        def names(k):
            out = []
            for _ in range(k):
                s = self.namer.surname1()
                x = r.random()
                if x < 0.1:
                    s = "%s (%s)" % (s, self.namer.place1()[:2].upper())
                elif x < 0.18:
                    s = "%s, %s" % (s, self.namer.place1())
                elif x < 0.25:
                    s = "%s, %s." % (s, r.choice("ABCDEFGHJKLMNPRSTW"))
                out.append(self.clean(s.upper() if caps else s))
            return sorted(out)
        groups = [("YEAS%s%d" % (sep, yeas), names(min(yeas, r.randint(12, 60)))),
                  ("NAYS%s%d" % (sep, nays), names(min(nays, r.randint(8, 50))))]
        if nv and r.random() < 0.7:
            groups.append(("NOT VOTING%s%d" % (sep, nv), names(min(nv, r.randint(3, 20)))))

        def fn(w, groups=groups):
            ts = self.body_ts.but(size=round(self.body_ts.size * r.uniform(0.85, 1.0), 1))
            k = max(2, min(4, int(w / (ts.size * 7))))
            cw = w / k
            base = line_base(ts, ts.lead)
            out = []
            for head, ns in groups:
                parts = [set_text(self.clean(head), ts.but(bold=r.random() < 0.5), w, "table",
                                  None, a.idx, align="c"), 2.0]
                rows = (len(ns) + k - 1) // k
                for q in range(rows):
                    it = Item(ts.lead, w=w)
                    for c in range(k):
                        m = c * rows + q
                        if m < len(ns):
                            t = ns[m]
                            while sw(t, ts.font, ts.size) > cw - 3 and len(t) > 3:
                                t = t[:-1]
                            it.lns.append(Ln(t, ts, c * cw, base, cw - 3, "l", "table", None,
                                             a.idx))
                    parts.append([it])
                parts.append(4.0)
                self.not_articles.append({"text_start": self.clean(head), "reason": "table"})
                out += [gap(4), stack(parts, w)]
            return out
        a.inserts = getattr(a, "inserts", {})
        a.inserts[j + 1] = fn
        paras.append(("p", self.clean(r.choice([
            "So the motion was agreed to.", "So the amendment was rejected.",
            "So (two-thirds being in the affirmative) the rules were suspended and the bill was "
            "passed.", "So the bill was passed."]))))
        if r.random() < 0.6:
            paras.append(("p", self.clean("The result of the vote was announced as above "
                                          "recorded.")))

    def speaker(self):
        r = self.rng
        sur = self.namer.surname().upper()
        return self.clean(r.choice(["Mr. %s.", "Ms. %s.", "Mrs. %s.", "Dr. %s.", "Mr. %s.",
                                    "Ms. %s."]) % sur)

    def make_record_item(self, i):
        r = self.rng
        a = Art(i)
        run = self.pool.run(r, int(r.lognormvariate(5.6, 0.6)), heads=False, speakers=False,
                            genres={"court": 4, "interview": 3, "news": 1}, exclude=self.used_src)
        title = self.title_for(run)
        title = self.clean(title.upper()).rstrip(".")
        printed = title + "." if self.rec_period else title
        a.pre = [("headline", printed)]
        a.gold["title"] = title  # a closing period is not part of the title
        if self.rec_sc:
            a.title_sc = True
            a.pre = [("headline", self.clean(title_case(title.lower())) +
                      ("." if self.rec_period else ""))]
        a.gold["outlet"] = self.name_printed()
        a.gold["date"] = self.issue_date.isoformat()
        a.layout["meta_template"] = "T|"
        a.layout["date_format"] = None
        lead_ts = self.body_ts.but(bold=r.random() < 0.4)
        a.leads = {}
        paras = []
        ext = r.random() < 0.4
        if ext:
            nm = self.namer.person()
            hon = self.clean(r.choice(["HON. %s", "HON. %s", "Hon. %s"]) % nm.upper())
            where = (r.choice([
                "of {P}, in the {C} of {B}, {D}", "OF {PU}\nIN THE {CU} OF {BU}\n{D}",
                "of {P}, in the {C}, {D}"]).format(
                P=self.namer.place(), PU=self.namer.place().upper(), C=self.chamber.title(),
                CU=self.chamber, B=r.choice(["Representatives", "Deputies", "Delegates"]),
                BU=r.choice(["REPRESENTATIVES", "DEPUTIES", "DELEGATES"]),
                D=self.date_text(self.issue_date, "en_wmdy", prefix_p=0)))
            if "\n" in where:
                bits = [self.clean(b) for b in where.split("\n")]
                a.pre.append(("byline", self.clean(hon + " " + bits[0])))
                a.pre.append(("byline", bits[1]))
                a.pre.append(("date", bits[2]))
                a.layout["meta_template"] = "T B B D|"
            else:
                a.pre.append(("byline", self.clean(hon + " " + where)))
                a.layout["meta_template"] = "T B|"
            a.gold["authors"] = [self.clean(nm.upper())]
            sp = self.clean("Mr. %s." % nm.split()[-1].upper()) if r.random() < 0.7 else \
                self.clean("Ms. %s." % nm.split()[-1].upper())
            speakers = [sp]
        else:
            speakers = [self.speaker() for _ in range(r.randint(1, 4))]
            if r.random() < 0.5:
                speakers.append(self.clean(r.choice(["The SPEAKER pro tempore.",
                                                     "The PRESIDING OFFICER.",
                                                     "The CHAIR.", "The SPEAKER."])))
        cur = None
        for k, (kind, t) in enumerate(run["paras"]):
            t = self.clean(t)
            if not t:
                continue
            if k == 0 or (r.random() < 0.35 and len(speakers) > 1):
                cur = r.choice(speakers) if k else speakers[0]
                a.leads[len(paras)] = (cur, lead_ts)
                addr = r.choice(["Mr. Speaker, ", "Madam Speaker, ", "Mr. President, ", "",
                                 "Madam President, "]) if k == 0 else ""
                if addr and t[1:2].islower() and not t.startswith("I "):
                    t = t[0].lower() + t[1:]
                if k == 0 and r.random() < 0.35:
                    t = self.clean(r.choice([
                        "I rise today to speak about {t}.", "I rise in support of this measure.",
                        "I ask unanimous consent to address the House for 1 minute.",
                        "I rise today to recognize {t}."]).format(
                        t=title.lower().rstrip("."))) + " " + t
                paras.append(("p", self.clean(cur + " " + addr + t)))
            else:
                paras.append(("p", t))
        if r.random() < 0.4:
            paras.append(("p", self.clean(r.choice([
                "I yield back the balance of my time.", "I reserve the balance of my time.",
                "I ask unanimous consent that the text be printed in the Record."]))))
        if not ext and r.random() < self.rec_proc_p:
            # the chair's procedural one-liners, and sometimes a recorded vote with its roll call
            chair = self.clean(r.choice(["The SPEAKER pro tempore.", "The PRESIDING OFFICER.",
                                         "The CHAIR.", "The SPEAKER.", "The ACTING PRESIDENT."]))
            for _ in range(r.randint(1, 4)):
                x = r.random()
                if x < 0.5:
                    t = r.choice(["The question is on the motion.",
                                  "Without objection, it is so ordered.",
                                  "The Clerk will report the amendment.",
                                  "The time of the gentleman has expired.",
                                  "Is there objection to the request?",
                                  "The question is on agreeing to the amendment.",
                                  "The Chair recognizes the gentlewoman from {P}."]).format(
                        P=self.namer.place())
                    a.leads[len(paras)] = (chair, lead_ts)
                    paras.append(("p", self.clean(chair + " " + t)))
                else:
                    paras.append(("p", self.clean(r.choice([
                        "There was no objection.", "The amendment was agreed to.",
                        "The question was taken; and the ayes appeared to have it.",
                        "A motion to reconsider was laid on the table.",
                        "The Clerk read the title of the bill.",
                        "The bill was ordered to be engrossed and read a third time, and was "
                        "read the third time.", "The motion was rejected."]))))
            if r.random() < 0.45:
                self.roll_call(a, paras)
        a.paras = paras
        a.ncols = self.ncols
        a.layout["record"] = True
        return a

    # -- report ------------------------------------------------------------------------------
    def build_report(self):
        r = self.rng
        self.common_style(layout_weights=(66, 28, 2, 4))
        form = self.pick("report_form", ["report", "report", "summary", "fact_sheet", "annual",
                                         "brief"])
        spacing = self.pick("report_spacing", ["single", "single", "single", "single",
                                               "one_half", "double"])
        if spacing != "single":
            self.double_space(2.0 if spacing == "double" else 1.5)
        d = self.rand_issue_date()
        month_only = self.flag("report_month_date", 0.55)
        if month_only:
            d = d.replace(day=1)
        self.issue_date = d
        my = "%s %d" % (MONTHS_EN[d.month - 1], d.year)
        date_txt = my if month_only else self.date_text(d, r.choice(
            ["en_mdy", "en_dmy", self.date_fmt, "en_mdy"]), prefix_p=0)
        self.date_strings.add(date_txt)
        org = self.clean(r.choice([self.org(), self.org(), self.namer.outlet("think_tank")[0],
                                   "Office of %s %s" % (r.choice(TOPICS), r.choice(
                                       ["Programs", "Policy", "Statistics", "Research",
                                        "Services", "Evaluation"]))]))
        self.report_org = org
        abbr = "".join(w[0] for w in org.split() if w[:1].isupper())
        kind_word = r.choice(REPORT_KINDS) if form != "fact_sheet" else "Fact Sheet"
        if form == "annual":
            kind_word = "Annual Report"
        if form == "summary":
            kind_word = "Summary"
        fy = r.random() < 0.3
        kind_line = self.clean(r.choice([
            "{k}", "{a} {k}", "{o} {k}", "FY {y} {k}", "{k} {y}", "{k} to the {b}",
            "{k} · {y}"]).format(k=kind_word, a=abbr or org, o=org, y=d.year,
                                 b=r.choice(["Council", "Assembly", "Board", "Legislature",
                                             "Minister", "Committee"])))
        run0 = self.pool.run(r, 50, genres={"academic": 3, "court": 1, "news": 1}, top=True)
        title = self.report_title(run0)
        tcase = self.pick("report_title_case", ["as_is", "as_is", "caps", "smallcaps"])
        if tcase == "caps":
            title = title.upper()
        self.name = title
        self.issue_no_s = self.issue_no()
        self.furniture_style()
        self.report_furniture(title, tcase, org, abbr, kind_word, kind_line, my, fy)
        self.flow = Flow(self.geom)
        a = Art(0)
        a.ncols = self.ncols
        a.layout["report"] = True
        a.layout["report_form"] = form
        # the title block
        cover = self.pick("report_cover", ["top", "top", "title_page", "bar", "plain"])
        pre = []
        if cover == "bar" or (form == "fact_sheet" and r.random() < 0.7):
            pre.append(("kicker", self.clean(kind_word.upper() if r.random() < 0.7
                                             else kind_word)))
            sub = None
        else:
            sub = kind_line if r.random() < 0.75 else None
        if sub is None and r.random() < 0.3:
            sub = self.clean(r.choice(["A report on {t} in {p}", "Findings and recommendations",
                                       "An assessment of {t} and {t2}", "Working paper No. {n}",
                                       "Summary of findings", "Overview and key figures"])
                             .format(t=r.choice(TOPICS).lower(), t2=r.choice(TOPICS).lower(),
                                     p=self.namer.place(), n=r.randint(1, 99)))
        org_first = r.random() < 0.2
        if org_first and cover != "plain":
            pre.append(("outlet", org))
        pre.append(("headline", title))
        if sub:
            pre.append(("standfirst", sub))
        by = None
        if r.random() < 0.4 and cover != "plain":
            by = self.byline(n=r.choice([1, 1, 2, 3]), allow_roles=False)
            text, names = by
            if r.random() < 0.4:
                text = r.choice(["Prepared by ", "Authors: ", "Report by "]) + \
                    (join_names(r, names)[0] if len(names) > 1 else names[0])
            pre.append(("byline", text))
        if cover != "plain":
            if not org_first and r.random() < 0.75:
                pre.append(("outlet", org))
            if r.random() < 0.85:
                pre.append(("date", date_txt))
        a.pre = []
        for role, text in pre:
            text = self.clean(text)
            if role == "headline":
                a.gold["title"] = text.upper() if tcase == "smallcaps" else text
            elif role == "standfirst":
                a.gold["subtitle"] = text
            elif role == "byline":
                text, a.gold["authors"] = self.byline_as_printed(a, text, by[1])
            elif role == "outlet":
                a.gold["outlet"] = text
                a.outlet_roles.add("outlet")
            elif role == "date":
                a.gold["date"] = d.isoformat()
                a.date_roles.add("date")
            a.pre.append((role, text))
        a.layout["meta_template"] = " ".join({"kicker": "K", "headline": "T", "standfirst": "S",
                                              "byline": "B", "outlet": "O", "date": "D"}[x[0]]
                                             for x in a.pre) + "|"
        a.layout["date_format"] = "month_year" if month_only else None
        a.title_sc = tcase == "smallcaps"
        a.logo = cover in ("top", "title_page") and r.random() < 0.35
        a.align_of = {"outlet": "c", "date": "c", "byline": "c", "standfirst": "c"} \
            if cover in ("top", "title_page") and r.random() < 0.8 else {}
        if a.align_of:
            a.layout["head_align"] = "c"
        self.build_report_body(a, form, run0)
        title_page = cover == "title_page"
        contents = self.flag("contents", 0.35 if title_page else 0.15) and \
            len(a.l1) >= 3
        a.new_page = False
        self.arts = [a]
        if title_page:
            a.layout["title_page"] = True
        self.typeset_report(a, title_page, contents, [t for _, t in a.l1])
        self.add_furniture()
        self.add_slug()
        # the outlet and date printed only in running heads or footers
        if a.gold["outlet"] is None:
            a.gold["outlet"] = self.printed_default("outlet", self.furniture_texts())
        if a.gold["date"] is None:
            a.gold["date"] = self.printed_default("date", self.furniture_texts())

    def furniture_texts(self):
        out = []
        for pg in self.flow.pages:
            for it in pg.furniture:
                for ln in it.lns:
                    out.append(ln.text if isinstance(ln.text, str) else "")
        return out

    def double_space(self, f):
        """Speeches, drafts, opinions: a blank printed line between the lines (f=2) or half of
        one, paragraphs marked only by a first-line indent."""
        ts = self.body_ts
        self.body_ts = ts.but(lead=round(ts.size * f * self.rng.uniform(1.0, 1.12), 2))
        self.para_style = "indent"
        self.style["paragraphs"] = "indent"
        self.indent = self.num("indent", 2.5 * ts.size, 5 * ts.size)
        self.style["double_spaced"] = f
        self.hyph = Hyphenator(self.L.words, soft=self.hyphenate and self.rng.random() < 0.5)

    def report_title(self, run0):
        r = self.rng
        x = r.random()
        T, T2 = r.choice(TOPICS), r.choice(TOPICS)
        P = self.namer.place()
        if x < 0.35 and clean_title(run0["title"]):
            t = clean_title(run0["title"])
        elif x < 0.75:
            t = r.choice([
                "{T} {N} in {P}", "Improving {T} {N}", "The {T} and {T2} Act of {y}",
                "{P} {T} Assessment", "Review of the {T} {N}", "State of {T} in {P}, {y}",
                "{T} {N}: Progress and Challenges", "Strengthening {T} {N}",
                "{T} Outlook {y}", "Measuring {T} Outcomes", "{T} and {T2} in {P}",
                "Modernizing {T} Services", "{N} for {T}: Options for Reform",
                "{T} Accountability under the {T2} Act"]).format(
                T=T, T2=T2, P=P, y=self.issue_date.year, N=r.choice(
                    ["Programmes", "Programs", "Services", "Standards", "Systems", "Grants",
                     "Partnerships", "Priorities", "Operations", "Markets", "Reviews"]))
        else:
            t = self.gazette_title()
        t = self.clean(apply_case(t, "title" if r.random() < 0.7 else "sentence"))
        return t

    def report_furniture(self, title, tcase, org, abbr, kind_word, kind_line, my, fy):
        """Running heads and footers of a report: the title again (in capitals, small capitals,
        shortened), the issuing body and the month, "Chapter II  24", "FY 2011 Annual Report 15"
        with the number on the outer edge, a printer's slug."""
        r = self.rng
        st = self.style
        short = title
        if ":" in short and r.random() < 0.6:
            short = short.split(":")[0]
        if len(short) > 60 or r.random() < 0.15:
            ws = short.split()
            cut = ws[:r.randint(3, 6)]
            while len(cut) > 2 and cut[-1].lower().strip(",;:") in SMALL | {"the", "a"}:
                cut.pop()
            short = " ".join(cut).rstrip(",;:") + (r.choice(["", " ..."]) if len(ws) > len(cut)
                                                    else "")
        hform = self.pick("report_header", ["title", "title_caps", "title_sc", "title_italic",
                                            "org_title", "none", "title", "title_sc"])
        self.sc_slots = set()
        self.custom_slots["rep_title"] = lambda p, n: short
        self.custom_slots["rep_title_caps"] = lambda p, n: short.upper()
        self.custom_slots["rep_org"] = lambda p, n: org
        self.custom_slots["rep_kind"] = lambda p, n: kind_line
        self.custom_slots["rep_my"] = lambda p, n: my
        hdr = []
        if hform in ("title", "title_italic"):
            hdr = [(r.choice(["c", "c", "l", "r"]), "rep_title")]
        elif hform == "title_caps":
            hdr = [(r.choice(["c", "l", "r"]), "rep_title_caps")]
        elif hform == "title_sc":
            hdr = [(r.choice(["c", "c", "l"]), "rep_title")]
            self.sc_slots.add("rep_title")
        elif hform == "org_title":
            hdr = [("l", "rep_org"), ("r", "rep_title")]
        if hform == "title_italic":
            self.hf_ts = self.hf_ts.but(italic=True)
        fform = self.pick("report_footer", ["kind_my_page", "chapter", "label_outer", "pageno",
                                            "org_my_page", "label_outer", "chapter", "plain"])
        pstyle = r.choice(["{p}", "Page {p}", "- {p} -", "{p}", "Page {p} of {n}"])
        self.custom_slots["rep_page"] = lambda p, n: pstyle.format(p=p, n=n)
        label = self.clean(r.choice([
            "FY {y} {k}", "{a} {k} {y}", "{k} {y}", "{y} {k}", "{a} • {k}",
            "{k}"]).format(y=self.issue_date.year, k=kind_word.upper() if r.random() < 0.4
                           else kind_word, a=abbr or org))
        sep = r.choice(["  ", "  ", " | ", "   "])
        self.custom_slots["rep_label"] = lambda p, n: \
            (label + sep + str(p)) if p % 2 else (str(p) + sep + label)
        chap = r.choice(["Chapter {c}", "Section {c}", "Part {c}", "Chapter {c}"])
        self.custom_slots["rep_chapter"] = lambda p, n: chap.format(c=self.chapter_of(p))
        ftr = []
        alternate = False
        if fform == "kind_my_page":
            ftr = [("l", "rep_kind"), ("c", "rep_my"), ("r", "rep_page")]
            self.date_strings.add(my)
        elif fform == "org_my_page":
            ftr = [("l", "rep_org"), ("r", "rep_page")]
            if r.random() < 0.6:
                self.custom_slots["rep_org"] = lambda p, n: org + ", " + my
                self.date_strings.add(my)
        elif fform == "chapter":
            ftr = [("l", "rep_chapter"), (r.choice(["c", "r"]), "rep_page")]
        elif fform == "label_outer":
            ftr = [("r", "rep_label")]
            alternate = True
        elif fform == "pageno":
            ftr = [(r.choice(["c", "c", "r"]), "pageno")]
        else:
            ftr = [("c", "rep_page")]
        if fform in ("kind_my_page", "org_my_page", "chapter"):
            self.hf_ts = self.hf_ts.but(italic=r.random() < 0.5)
        self.hdr = hdr
        self.ftr = ftr
        self.alternate = alternate or (self.alternate and fform != "kind_my_page")
        self.hdr_first = False
        self.ftr_first = self.flag("footer_on_first", 0.6)
        self.ftr_first_only = False
        self.hdr_join = self.ftr_join = False
        st["header"] = bool(hdr)
        st["footer"] = bool(ftr)
        st["header_slots"] = " ".join("%s:%s" % x for x in self.hdr)
        st["footer_slots"] = " ".join("%s:%s" % x for x in self.ftr)
        g = self.geom
        hs = self.hf_ts.lead + r.uniform(8, 16) if hdr else 0
        fs = self.hf_ts.lead + r.uniform(8, 16) if ftr else 0
        slug = self.flag("printer_slug", 0.15)
        mt = g.mt
        if slug:
            self.make_slug(title)
            mt = max(mt, self.slug_h + 18)
        self.geom = Geom(g.w, g.h, g.ml, g.mr, mt, g.mb, hs, fs)

    def chapter_of(self, p):
        a = self.arts[0] if self.arts else None
        best = None
        if a is not None:
            for it in a.items:
                for ln in it.lns:
                    if ln.role in BODYISH and ln.para in a.l1_set and it.page and \
                            it.page <= p:
                        best = a.l1_label[ln.para]
        if best is None:
            best = a.l1_label[min(a.l1_set)] if a is not None and a.l1_set else "I"
        return best

    def make_slug(self, title):
        """A printer's proof slug over every page: job and file lines, and "Sheet 12 of 48" with
        the title and a time stamp, the sheet number changing per page (invented wording)."""
        r = self.rng
        ts = TS(r.choice(["Helvetica", self.style["meta_family"]]), round(r.uniform(6.5, 8), 1))
        d = self.issue_date - dt.timedelta(days=r.randint(20, 200))
        stamp = "%d:%02d - %d-%s-%d" % (r.randint(1, 12), r.randint(0, 59), d.day,
                                        MONTHS_EN[d.month - 1][:3].upper(), d.year)
        total = r.randint(8, 120)
        code = "".join(r.choice("ABCDEFGHKLMNPRSTW") for _ in range(r.randint(3, 5))) + \
            "%02d" % r.randint(1, 99)
        fname = "%s%d%s.%s" % (r.choice(["", "i", "p", "f"]), d.year,
                               "".join(w[:4] for w in title.split()[:2] if w.isalpha()) or "doc",
                               r.choice(["sgm", "xml", "ind", "fm"]))
        path = r.choice(["D:\\jobs\\{c}\\{f}", "/prod/pubs/{y}/{f}", "P:\\proofs\\{c}\\{f}",
                         "C:\\work\\typeset\\{f}"]).format(c=code.lower(), f=fname, y=d.year)
        short = " ".join(title.split()[:5])
        lines = [
            [r.choice(["Operator:", "Userid:", "Typist:", "Keyer:"]) + " ________",
             r.choice(["Job", "DTD", "Spec"]) + " " + code,
             r.choice(["Leading: {v}%", "Proof: {n}", "Pass: {n}"]).format(
                 v=r.randint(0, 20), n=r.randint(1, 6)),
             "Pt. size: %s" % r.choice(["8", "9", "9.5", "10", "11"]),
             r.choice(["[ ] Draft", "[ ] Proof"]), r.choice(["[ ] OK to print",
                                                              "[ ] Approved", "[ ] Release"])],
            [r.choice(["PAGER/XML", "COMPOSER/SGML", "FORMAT/XML", "TYPE/SGML"]),
             "File: " + path, r.choice(["(Init. & date)", "(Initials and date)",
                                         "(Sign-off)"])],
            ["{pg}", short, stamp],
        ]
        sheet = r.choice(["Page {p} of {t}", "Sheet {p} of {t}", "Pg {p} of {t}"])
        self.slug = (lines, ts, sheet, total + r.randint(0, 30))
        self.slug_h = 3 * ts.lead + 4
        self.style["slug"] = True

    def add_slug(self):
        if not getattr(self, "slug", None):
            return
        lines, ts, sheet, total = self.slug
        g = self.geom
        base = line_base(ts, ts.lead)
        off = getattr(self, "slug_offset", self.rng.randint(0, 40))
        self.slug_offset = off
        for page in self.flow.pages:
            it = Item(3 * ts.lead, w=g.width)
            it.x, it.y = g.ml, 12
            for k, parts in enumerate(lines):
                parts = [x.replace("{pg}", sheet.format(p=page.n + off, t=total))
                         for x in parts]
                ws = [sw(x, ts.font, ts.size) for x in parts]
                free = max(6.0, (g.width - sum(ws)) / max(1, len(parts) - 1))
                x = 0.0
                for t, w in zip(parts, ws):
                    ln = Ln(t, ts.but(bold=k == 2), x, base + k * ts.lead, w + 1, "l",
                            "running_header")
                    it.lns.append(ln)
                    x += w + free
            page.furniture.insert(0, it)
            page.rules.append((g.ml, 12 + 3 * ts.lead + 2, g.ml + g.width,
                               12 + 3 * ts.lead + 2, 0.6))

    def build_report_body(self, a, form, run0):
        """The body of a report: sections from several GUM texts under headings of the document's
        styles (numbered, capitals, small capitals, bold, italic, run-in, questions), subsections,
        lists, block quotes, key findings, footnotes."""
        r = self.rng
        ts = self.body_ts
        size = ts.size
        hf = self.style["head_family"]
        l1 = self.pick("heading_style", ["bold_large", "bold_body", "caps_bold", "smallcaps",
                                         "italic", "centred_caps", "runin", "bold_large",
                                         "smallcaps", "bold_body"])
        if form == "fact_sheet" and r.random() < 0.5:
            l1 = "runin"
        numbering = self.pick("section_numbering", ["arabic", "roman", "letter", "none", "none",
                                                    "arabic"])
        if l1 == "runin":
            numbering = "none"
            self.style["subheading_style"] = "none"
        questions = self.flag("question_headings", 0.15 if l1 != "runin" else 0.0)
        l2 = self.pick("subheading_style", ["bold_body", "italic", "bold_italic", "runin_bold",
                                            "runin_italic", "none"]) if l1 != "runin" else "none"
        fmt1 = {"before": ts.lead * r.uniform(0.6, 1.4), "after": ts.lead * r.uniform(0.1, 0.6)}
        if l1 == "bold_large":
            fmt1["ts"] = TS(hf, round(size * r.uniform(1.15, 1.5), 1), bold=True)
        elif l1 == "bold_body":
            fmt1["ts"] = ts.but(bold=True, lead=round(size * 1.2, 2))
        elif l1 == "caps_bold":
            fmt1["ts"] = ts.but(bold=r.random() < 0.8, lead=round(size * 1.2, 2))
            fmt1["caps"] = True
        elif l1 == "smallcaps":
            fmt1["ts"] = TS(r.choice([hf, ts.fam]), round(size * r.uniform(1.0, 1.3), 1),
                            bold=r.random() < 0.6)
            fmt1["sc"] = True
        elif l1 == "italic":
            fmt1["ts"] = TS(r.choice([hf, ts.fam]), round(size * r.uniform(1.0, 1.25), 1),
                            italic=True, bold=r.random() < 0.3)
        elif l1 == "centred_caps":
            fmt1["ts"] = ts.but(bold=r.random() < 0.6, lead=round(size * 1.2, 2))
            fmt1["caps"] = True
            fmt1["align"] = "c"
        if l1 != "runin" and r.random() < 0.15:
            fmt1["align"] = "c"
        fmt2 = {"before": ts.lead * r.uniform(0.3, 0.9), "after": ts.lead * r.uniform(0.0, 0.3)}
        if l2 == "bold_body":
            fmt2["ts"] = ts.but(bold=True, lead=round(size * 1.2, 2))
        elif l2 == "italic":
            fmt2["ts"] = ts.but(italic=True, lead=round(size * 1.2, 2))
        elif l2 == "bold_italic":
            fmt2["ts"] = ts.but(bold=True, italic=True, lead=round(size * 1.2, 2))
        lead_ts1 = ts.but(bold=True)
        lead_ts2 = ts.but(bold=l2 == "runin_bold", italic=l2 == "runin_italic")
        lead_end = r.choice([".", ":", ".", ":"])
        roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
        paras, fmts = [], {}
        a.leads = {}
        a.l1, a.l1_set, a.l1_label = [], set(), {}
        nsec = r.randint(2, 4) if form == "fact_sheet" else r.randint(3, 9)
        fn_rate = self.pick("footnote_rate", [0.0, 0.0, 0.05, 0.12, 0.25])
        list_p = self.num("list_p", 0.0, 0.5, 2)
        quote_p = self.num("block_quote_p", 0.0, 0.25, 2)
        short_p = self.num("short_section_p", 0.0, 0.5, 2)

        def add(kind, text, fmt=None, lead=None):
            if lead:
                a.leads[len(paras)] = lead
            if fmt:
                fmts[len(paras)] = fmt
            paras.append((kind, text))
        for k in range(nsec):
            run = self.pool.run(r, int(r.uniform(120, 500) if form == "fact_sheet" else
                                       r.uniform(200, 900)), heads=True, speakers=False,
                                genres={"academic": 4, "court": 1, "news": 2, "interview": 1},
                                exclude=self.used_src)
            if questions:
                head = self.question_heading()
            elif k == 0 and r.random() < 0.7:
                head = r.choice(["Introduction", "Summary", "Overview", "Executive summary",
                                 "Background", "Purpose", "Key findings", "At a glance"])
            else:
                head = (run["title"] if run["title"] and r.random() < 0.5 else
                        r.choice(self.pool.heads))
                head = clean_title(head) or "Section %d" % (k + 1)
                if len(head.split()) > 10:
                    head = " ".join(head.split()[:8])
                head = re.sub(r"^\d+(\.\d+)*\.?\s+", "", head).rstrip(".:")
            lab = {"arabic": "%d. " % (k + 1), "roman": "%s. " % roman[k],
                   "letter": "%s. " % "ABCDEFGHIJKL"[k], "none": ""}[numbering]
            label = {"arabic": str(k + 1), "roman": roman[k], "letter": "ABCDEFGHIJKL"[k],
                     "none": roman[k]}[numbering]
            h = self.clean(lab + head)
            body = [(kind, self.clean(t)) for kind, t in run["paras"]]
            body = [(kind, t) for kind, t in body if t]
            if r.random() < short_p:
                body = [x for x in body if x[0] == "p"][:1] or body[:1]
            if l1 == "runin":
                first_p = next((i for i, x in enumerate(body) if x[0] == "p"), None)
                if first_p is None:
                    continue
                lead = self.clean(h + r.choice([":", ".", ":", " —"]))
                body = body[first_p:]
                a.l1.append((len(paras), lead))
                a.l1_set.add(len(paras))
                a.l1_label[len(paras)] = label
                add("p", lead + " " + body[0][1], lead=(lead, lead_ts1))
                body = body[1:]
            else:
                if fmt1.get("caps") or fmt1.get("sc"):
                    h_pr = h.upper()
                else:
                    h_pr = h
                a.l1.append((len(paras), h_pr))
                a.l1_set.add(len(paras))
                a.l1_label[len(paras)] = label
                add("head", h, fmt=dict(fmt1))
            sub_k = 0
            since = 0
            for kind, t in body:
                if kind == "head":
                    t = re.sub(r"^\d+(\.\d+)*\.?\s+", "", t).rstrip(".:")
                    if l2 == "none":
                        continue
                    sub_k += 1
                    if numbering == "arabic" and r.random() < 0.7:
                        t = "%d.%d %s" % (k + 1, sub_k, t)
                    if l2.startswith("runin"):
                        pending = self.clean(t) + lead_end
                        self._pending_lead = (pending, lead_ts2)
                        continue
                    add("head", self.clean(t), fmt=dict(fmt2))
                    since = 0
                    continue
                pend = getattr(self, "_pending_lead", None)
                if pend and kind == "p":
                    self._pending_lead = None
                    add("p", pend[0] + " " + t, lead=pend)
                    since = 0
                    continue
                # a made subheading every few paragraphs of a long section
                if kind == "p" and l2 != "none" and since >= 2 and r.random() < 0.25:
                    st_ = self.subheading()
                    sub_k += 1
                    if numbering == "arabic" and r.random() < 0.7:
                        st_ = "%d.%d %s" % (k + 1, sub_k, st_)
                    if l2.startswith("runin"):
                        lead = self.clean(st_) + lead_end
                        add("p", lead + " " + t, lead=(lead, lead_ts2))
                        since = 0
                        continue
                    add("head", self.clean(st_), fmt=dict(fmt2))
                    since = 0
                add(kind, t)
                since += 1
                if kind == "p" and r.random() < list_p / 3:
                    self.add_list(run, add)
                elif kind == "p" and r.random() < quote_p / 3:
                    self.add_quote(run, add)
            self._pending_lead = None
        while paras and paras[-1][0] == "head":
            paras.pop()
        a.paras = paras
        a.para_fmt = fmts
        if fn_rate:
            self.add_footnote_marks(a, fn_rate)
        a.tables = r.choice([0, 0, 1, 1, 2, 3]) if form != "fact_sheet" else r.choice([0, 1, 1])
        a.figures = r.choice([0, 0, 1, 2])
        a.fig_caps = [self.clean("%s %d%s %s" % (r.choice(["Figure", "Fig.", "Chart", "Exhibit"]),
                                                 j + 1, r.choice([":", ".", " —"]),
                                                 synth_title(r, r.choice(run0["paras"])[1])))
                      for j in range(a.figures)]
        a.layout["heading_style"] = l1
        a.layout["subheading_style"] = l2

    def subheading(self):
        r = self.rng
        x = r.random()
        if x < 0.3:
            h = r.choice(self.pool.heads)
            h = re.sub(r"^\d+(\.\d+)*\.?\s+", "", clean_title(h) or "").rstrip(".:")
            if h and len(h.split()) <= 8:
                return self.clean(h)
        T = r.choice(TOPICS)
        return self.clean(r.choice(SUBHEADS).format(
            T=T, t=T.lower(), T2=r.choice(TOPICS), p=self.namer.place(),
            y=self.issue_date.year))

    def question_heading(self):
        r = self.rng
        return self.clean(r.choice(QUESTION_HEADS).format(
            t=r.choice(TOPICS).lower(), p=self.namer.place(), y=self.issue_date.year))

    def add_list(self, run, add):
        """A bulleted or numbered list, after a lead-in sentence ending with a colon: each item a
        paragraph of its own with its bullet or number (as printed)."""
        r = self.rng
        ts = self.body_ts
        sents = [x for x in run["spare"] if 4 <= len(x.split()) <= 30]
        if len(sents) < 2:
            return
        r.shuffle(sents)
        items = sents[:r.randint(2, 6)]
        style = self.style.setdefault("list_style", r.choice(
            ["• ", "• ", "– ", "▪ ", "o ", "{n}. ", "({n}) ", "({a}) ", "{a}. ", "{n}) "]))
        hang = self.style.setdefault("list_hang", r.random() < 0.6)
        semi = r.random() < 0.3
        add("p", self.clean(r.choice([
            "The main points are the following:", "The review found that:",
            "In particular:", "The {t} plan has {k} parts:", "Key points:",
            "This includes:", "The following steps are planned:", "Applicants must show:"])
            .format(t=r.choice(TOPICS).lower(), k=len(items))))
        for k, s in enumerate(items):
            mark = style.format(n=k + 1, a="abcdefghij"[k])
            mark = self.clean(mark) or "- "
            s = s.rstrip(".;")
            s = s + (";" if k < len(items) - 1 else ".") if semi else s + "."
            fmt = {"tight": r.random() < 0.7}
            if hang:
                fmt["hang"] = sw(mark, ts.font, ts.size)
                fmt["dx"] = ts.size * r.uniform(0.5, 2.0)
            add("item", self.clean(mark + s), fmt=fmt)

    def add_quote(self, run, add):
        """A block quote: indented on both sides, sometimes smaller or italic (body)."""
        r = self.rng
        ts = self.body_ts
        sents = [x for x in run["spare"] if 6 <= len(x.split()) <= 40]
        if not sents:
            return
        k = r.randint(0, len(sents) - 1)
        q = " ".join(sents[k:k + r.randint(1, 3)])
        fmt = {"inset": ts.size * r.uniform(1.5, 4), "tight": False}
        x = r.random()
        if x < 0.3:
            fmt["ts"] = ts.but(size=round(ts.size * 0.9, 1), lead=round(ts.size * 1.1, 2))
        elif x < 0.5:
            fmt["ts"] = ts.but(italic=True)
        elif x < 0.65:
            fmt["ts"] = ts.but(bold=True)  # a key finding set off from the text: still body
        fmt["indent"] = 0.0
        add("quote", self.clean(q), fmt=fmt)

    def add_footnote_marks(self, a, rate):
        """Footnote marks (raised numbers) after words of some paragraphs, and the notes."""
        r = self.rng
        for j, (kind, text) in enumerate(a.paras):
            if kind not in ("p", "quote") or r.random() >= rate:
                continue
            ws = text.split(" ")
            lo = 3 + (len(a.leads[j][0].split()) if j in a.leads else 0)
            cands = [i for i, w in enumerate(ws) if i >= lo and re.search(r"[A-Za-z)\".,;’”]$", w)]
            ends = [i for i in cands if ws[i].endswith((".", ",", ")", "”", '"'))]
            if not cands:
                continue
            i = r.choice(ends if ends and r.random() < 0.7 else cands)
            self.fn_no = getattr(self, "fn_no", 0) + 1
            mark = str(self.fn_no)
            ws[i] = ws[i] + FNM + mark
            a.paras[j] = (kind, " ".join(ws))
            a.footnotes.append((j, mark, self.footnote_text()))

    def footnote_text(self):
        r = self.rng
        y = r.randint(1975, self.issue_date.year)
        mon = MONTHS_EN[r.randrange(12)]
        S1, S2 = self.namer.surname1(), self.namer.surname1()
        T = r.choice(TOPICS)
        t = self.clean(r.choice([
            "See {org}, {T} {N} ({mon} {y}), at {n}.", "{S1} v. {S2}, {n} F.{k}d {n2} ({o} Cir. {y}).",
            "Act of {mon} {d}, {y}, No. {n}-{n2}, sec. {k}.",
            "Data for {y} are preliminary and may be revised.",
            "Figures may not add to totals because of rounding.",
            "Available at www.{pl}.{tld}/{w}/{w2}.pdf.", "Id. at {n}.", "Ibid.",
            "{S1}, {I}. ({y}). {T} and {T2}. {venue}.",
            "The term \"{t}\" is used here as defined in section {k} of the {T} Act.",
            "For a fuller account, see section {k} below.", "Source: {org} estimates, {y}.",
            "{S1} and {S2}, \"{T} {N},\" {venue} {k} ({y}): {n}-{n2}.",
            "Interview with {S1}, {mon} {y}.", "Unless stated otherwise, amounts are in {y} prices.",
            "Compare {S1} v. {S2}, {n} U.S. {n2} ({y})."]).format(
            org=self.org(), T=T, T2=r.choice(TOPICS), N=r.choice(["Review", "Report", "Survey",
                                                                 "Study", "Plan"]),
            mon=mon, y=y, n=r.randint(2, 480), n2=r.randint(481, 990), k=r.randint(2, 9),
            S1=S1, S2=S2, o=r.choice(["1st", "2d", "3d", "5th", "7th", "8th", "9th", "D.C."]),
            d=r.randint(1, 28), pl=strip_accents(self.namer.place1().lower()).replace(" ", ""),
            tld=r.choice(["gov", "org", "int", "gov.uk", "eu"]),
            w=r.choice(TOPICS).lower().replace(" ", ""), w2="%s%d" % (r.choice(
                ["report", "data", "notice", "brief"]), r.randint(1, 99)),
            I=r.choice("ABCDEFGHJKLMNPRSTW"), t=r.choice(TOPICS).lower(),
            venue=r.choice(["Journal of %s" % T, "%s Review" % T, "%s Quarterly" % T])))
        if r.random() < 0.25:
            sents = [x for x in self.pool.heads if len(x.split()) > 3]
            if sents:
                t = t + " " + self.clean(r.choice(sents)) + "."
        return t

    def typeset_report(self, a, title_page, contents, sec_titles):
        r = self.rng
        flow = self.flow
        g = self.geom
        k = a.ncols
        colw = (g.width - (k - 1) * self.gutter) / k
        a.head_ts = TS(self.style["head_family"], self.num("report_title_size", 18, 30),
                       bold=self.head_bold)
        a.layout["columns"] = k
        a.layout["starts_page_top"] = True
        if a.align_of.get("standfirst") == "c":
            a.head_align = "c"
        head = self.head_items(a, g.width)
        if getattr(a, "title_sc", False):
            for it in head:
                for ln in it.lns:
                    if ln.role == "headline":
                        ln.sc = True
        if getattr(a, "logo", False):
            k_ = max([j for j, it in enumerate(head) if it.lns and it.lns[0].role in (
                "headline", "standfirst")] + [0])
            h = r.uniform(30, 60)
            x_ = (g.width - h) / 2 if a.align_of else 0.0
            head[k_ + 1:k_ + 1] = [gap(8), Item(h + 8, rects=[(x_, 0, h, h, r.choice(
                [0.6, 0.75, 0.85]), True, 0.8)], keep=True, w=g.width)]
        if title_page:
            flow.cols(1, gutter=self.gutter)
            flow.add([gap(g.h * r.uniform(0.05, 0.25))] + head)
            flow.page_break()
        else:
            flow.cols(1, gutter=self.gutter)
            flow.add(head)
            flow.close(after=10)
        if contents:
            ts = self.body_ts
            items = set_text(r.choice(["Contents", "Table of contents", "CONTENTS"]),
                             ts.but(bold=True, size=ts.size * 1.3), g.width, "contents")
            items.append(Item(6, gap=True))
            anchors = {}
            for j, st in enumerate(sec_titles):
                t = st if sw(st + " .... 999", ts.font, ts.size) < g.width - 6 else st[:50] + " ..."

                def fn(t=t, j=j):
                    p = anchors[j].page if anchors.get(j) is not None and anchors[j].page else 1
                    base = sw(t, ts.font, ts.size) + sw(" %d" % p, ts.font, ts.size)
                    kk = max(2, int((g.width - base - 8) / sw(".", ts.font, ts.size)))
                    return "%s %s %d" % (t, "." * kk, p)
                it = set_text(t + " .... 99", ts, g.width, "contents")
                it[0].lns[0].text = fn
                items += it
            self.not_articles.append({"text_start": items[0].lns[0].text, "reason": "contents"})
            flow.cols(1, gutter=self.gutter)
            flow.add(items)
            flow.page_break()
            self.report_anchors = anchors
        else:
            anchors = {}
        body = self.body_items(a, colw)
        # tables and figures between paragraphs
        inserts = []
        for _ in range(getattr(a, "tables", 0)):
            inserts.append(("table", None))
        for cap in getattr(a, "fig_caps", []):
            inserts.append(("figure", cap))
        out = []
        l1 = [j for j, _ in getattr(a, "l1", [])]
        # tables and figures go between paragraphs
        body_pos = [j for j, it in enumerate(body) if it.lns and it.lns[0].role == "body" and (
            j + 1 == len(body) or not body[j + 1].lns or body[j + 1].lns[0].para !=
            it.lns[0].para)]
        at = {r.choice(body_pos): ins for ins in inserts} if body_pos else {}
        for j, it in enumerate(body):
            if it.lns and it.lns[0].para in l1 and it.lns[0].role in BODYISH:
                sec = l1.index(it.lns[0].para)
                anchors.setdefault(sec, it)
            out.append(it)
            if j in at:
                kind, cap = at[j]
                if kind == "table":
                    out += [gap(6)] + self.table_items(a, colw) + [gap(6)]
                else:
                    h = colw * r.uniform(0.35, 0.6)
                    box = stack([[Item(h + 3, rects=[(0, 0, colw, h, r.uniform(0.75, 0.9),
                                                      True, 0.4)], w=colw)],
                                 set_text(cap, self.caption_ts, colw, "caption", None, a.idx)],
                                colw)
                    out += [gap(6), box, gap(6)]
        a.items = head + out
        flow.cols(k, gutter=self.gutter, rule=self.col_rule, balance=self.balance)
        flow.add(out)
        if r.random() < 0.8:
            refs = self.reference_items(colw)
            flow.add(refs)
        flow.close(self.balance)

    def reference_items(self, w):
        r = self.rng
        ts = self.body_ts.but(size=round(self.body_ts.size * r.uniform(0.85, 0.95), 1))
        head = r.choice(["References", "Bibliography", "Notes", "Sources", "Works cited",
                         "REFERENCES", "Literatur"])
        items = [gap(ts.lead)] + set_text(head, self.xhead_ts, w, "reference", keep=True)
        items.append(Item(3, gap=True, keep=True))
        style = r.choice(["apa", "num", "chicago"])
        n = r.randint(4, 25)
        entries = []
        for j in range(n):
            authors = [self.namer.surname() + ", " + r.choice("ABCDEFGHJKLMNPRSTW") + "."
                       for _ in range(r.randint(1, 3))]
            au = join_names(r, authors, "amp")[0]
            y = r.randint(1975, self.issue_date.year)
            t = synth_title(r, r.choice(self.pool.heads + [self.org()]), 3, 9)
            venue = r.choice(["Journal of {T}", "{T} Review", "{T} Quarterly",
                              "Proceedings of the {T} Conference", "{P}: {O}",
                              "Working Paper, {O}"]).format(
                T=r.choice(TOPICS), P=self.namer.place(), O=self.org())
            if style == "apa":
                e = "%s (%d). %s. %s, %d(%d), %d–%d." % (au, y, t, venue, r.randint(1, 60),
                                                        r.randint(1, 4), r.randint(1, 300),
                                                        r.randint(301, 600))
            elif style == "num":
                e = "[%d] %s, “%s,” %s, vol. %d, pp. %d–%d, %d." % (
                    j + 1, au, t, venue, r.randint(1, 60), r.randint(1, 300), r.randint(301, 600),
                    y)
            else:
                e = "%s. %d. %s. %s." % (au, y, t, venue)
            entries.append(self.clean(e))
        if style != "num":
            entries.sort()
        for e in entries:
            items += set_text(e, ts, w, "reference", indent=0, hyph=self.hyph)
            items.append(Item(ts.lead * 0.3, gap=True))
        self.not_articles.append({"text_start": self.clean(head), "reason": "reference_list"})
        return items

    # -- court papers --------------------------------------------------------------------------
    def build_court(self):
        """A court order or opinion: the court's name, a caption (parties, "Plaintiff, v. ...",
        the docket number in the other column, the order's title), numbered headings ("I.",
        "II.", "A."), footnotes, often double-spaced, page numbers like "-2-", a judge's
        signature. One article."""
        r = self.rng
        self.common_style(layout_weights=(100, 0, 0, 0), base14_p=0.45)
        size = self.num("body_size", 10.5, 12.5)
        self.body_ts = TS(self.body_ts.fam, size, lead=round(size * self.style["leading"], 2))
        self.justify = self.flag("justified", 0.6)
        if self.flag("double_spaced", 0.6):
            self.double_space(2.0)
        self.issue_date = self.rand_issue_date()
        self.issue_no_s = self.issue_no()
        form = self.pick("court_form", ["order", "order", "opinion"])
        self.name = None
        self.furniture_style()
        pstyle = r.choice(["-{p}-", "- {p} -", "{p}", "{p}", "Page {p} of {n}", "{p}"])
        self.style["page_number_style"] = pstyle
        self.hdr, self.ftr = [], [("c", "pageno")]
        docket = self.clean(r.choice([
            "Case No. {n}:{yy}-cv-{k:05d}-{J}", "No. {yy}-{k}", "No. C {yy}-{k}-{J}",
            "Civil Action No. {yy}-{k} ({J})", "Case No. {k}/{yyyy}", "No. {yy}-{k:04d}",
            "Docket No. {J}-{yy}-{k}"]).format(
            n=r.randint(1, 9), yy="%02d" % ((self.issue_date.year - r.randint(0, 3)) % 100),
            yyyy=self.issue_date.year - r.randint(0, 3), k=r.randint(100, 40999),
            J="".join(r.choice("ABCDEFGHJKLMNPRSTW") for _ in range(r.randint(2, 3)))))
        if self.flag("efiling_header", 0.35):
            total = r.randint(3, 40)
            fd = self.issue_date
            ef = r.choice(["Case {d} Document {n} Filed {f} Page {p} of {t}",
                           "{d}  Doc. {n}  Filed {f}  Pg {p} of {t}",
                           "Case: {d}  Document: {n}  Page: {p}  Date Filed: {f}"])
            dn = r.randint(12, 400)
            fs = "%02d/%02d/%02d" % (fd.month, fd.day, fd.year % 100) if r.random() < 0.6 \
                else "%02d/%02d/%d" % (fd.month, fd.day, fd.year)
            dk = re.sub(r"^(Case No\.|No\.|Civil Action No\.|Docket No\.)\s*", "", docket)
            self.custom_slots["efile"] = lambda p, n: ef.format(d=dk, n=dn, f=fs, p=p,
                                                                t=max(total, n))
            self.hdr = [("c", "efile")]
        self.hdr_first = True
        self.ftr_first = self.flag("footer_on_first", 0.5)
        self.alternate = False
        self.hdr_join = self.ftr_join = False
        self.ftr_first_only = False
        self.style["header_slots"] = " ".join("%s:%s" % x for x in self.hdr)
        self.style["footer_slots"] = " ".join("%s:%s" % x for x in self.ftr)
        g = self.geom
        self.geom = Geom(g.w, g.h, g.ml, g.mr, g.mt, g.mb,
                         self.hf_ts.lead + 10 if self.hdr else 0, self.hf_ts.lead + 12)
        self.flow = Flow(self.geom)
        a = Art(0)
        a.ncols = 1
        a.layout["court"] = form
        a.layout["columns"] = 1
        w = self.geom.width
        ts = self.body_ts
        cap_ts = ts.but(lead=round(ts.size * 1.2, 2))
        bold = cap_ts.but(bold=True)
        P = self.namer.place()
        court = "|".join(r.choice(
            [["IN THE UNITED STATES DISTRICT COURT", "FOR THE {D} DISTRICT OF {PU}"],
             ["IN THE {L} COURT OF {PU}"], ["{PU} {L} COURT"], ["IN THE HIGH COURT OF {PU}"],
             ["SUPERIOR COURT OF {PU}", "COUNTY OF {PU2}"]] if form == "order" else
            [["UNITED STATES COURT OF APPEALS", "FOR THE {O} CIRCUIT"],
             ["IN THE COURT OF APPEALS OF {PU}"], ["{PU} COURT OF APPEALS"],
             ["IN THE SUPREME COURT OF {PU}"]])).format(
            D=r.choice(["NORTHERN", "SOUTHERN", "EASTERN", "WESTERN", "CENTRAL", "MIDDLE"]),
            PU=P.upper(), PU2=self.namer.place().upper(), L=r.choice(
                ["DISTRICT", "CIRCUIT", "COUNTY", "REGIONAL", "LAND", "FAMILY"]),
            O=r.choice(["FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH", "SEVENTH",
                        "EIGHTH", "NINTH", "TENTH", "ELEVENTH"]))
        court = "|".join(self.clean(x) for x in court.split("|"))
        court_lines = court.split("|")
        if r.random() < 0.3:
            court_lines = [title_case(x.lower()) for x in court_lines]
        outlet = re.sub(r"^(IN THE|In the) ", "", " ".join(court_lines))
        a.gold["outlet"] = outlet
        a.outlet_roles.add("outlet")
        head = []
        tpl = []
        if r.random() < 0.2:
            head += set_text(self.clean(r.choice(["NOT FOR PUBLICATION", "Not To Be Published",
                                                  "UNPUBLISHED", "FOR PUBLICATION",
                                                  "NONPRECEDENTIAL DISPOSITION"])),
                             cap_ts.but(bold=True, italic=r.random() < 0.5), w, "kicker", 0,
                             align="c")
            head.append(gap(cap_ts.lead))
            tpl.append("K")
        for cl in court_lines:
            head += set_text(cl, bold, w, "outlet", 0, align="c")
        tpl.append("O")
        if form == "order" and r.random() < 0.4:
            head += set_text(self.clean(r.choice(["{D} DIVISION", "CIVIL DIVISION",
                                                  "Civil Division"]).format(
                D=r.choice(["WESTERN", "EASTERN", "CENTRAL", "NORTHERN", "SOUTHERN"]))),
                bold, w, "kicker", 0, align="c")
            tpl.append("K")
        head.append(gap(cap_ts.lead * r.uniform(0.8, 1.6)))

        def party(side):
            x = r.random()
            if x < 0.4:
                nm = self.namer.person().upper()
                tail = r.choice(["", ", an individual", ", individually and on behalf of all "
                                 "others similarly situated", ", et al."])
            elif x < 0.7:
                nm = r.choice(["CITY OF {P}", "COUNTY OF {P}", "STATE OF {P}",
                               "{P} SCHOOL DISTRICT", "{P} HOUSING AUTHORITY"]).format(
                    P=self.namer.place().upper())
                tail = r.choice(["", ", et al.", ", a municipal corporation"])
            else:
                nm = r.choice(["{S} HOLDINGS, INC.", "{S} & {S2} LLP", "{S} MANUFACTURING CO.",
                               "{P} TRANSPORT, LTD.", "{S} BROTHERS, INC."]).format(
                    S=self.namer.surname1().upper(), S2=self.namer.surname1().upper(),
                    P=self.namer.place1().upper())
                tail = r.choice(["", ", a corporation", ", et al."])
            return self.clean(nm + tail)
        pl, df = party(0), party(1)
        if form == "order":
            roles = (r.choice(["Plaintiff,", "Plaintiffs,", "Petitioner,"]),
                     r.choice(["Defendant.", "Defendants.", "Respondent."]))
        else:
            roles = (r.choice(["Plaintiff-Appellant,", "Petitioner-Appellant,",
                               "Plaintiff - Appellee,"]),
                     r.choice(["Defendant-Appellee.", "Defendants-Appellees.",
                               "Respondent-Appellee."]))
        vs = r.choice(["v.", "vs.", "v.", "- against -"])
        titles = ["ORDER GRANTING IN PART AND DENYING IN PART {X}",
                  "MEMORANDUM OPINION AND ORDER", "ORDER ON {X}", "ORDER REGARDING {Y}",
                  "FINDINGS OF FACT AND CONCLUSIONS OF LAW", "REPORT AND RECOMMENDATION",
                  "ORDER DENYING {X}", "ORDER GRANTING {X}", "MEMORANDUM AND ORDER",
                  "ORDER TO SHOW CAUSE", "OPINION AND ORDER ON {X}"]
        X = r.choice(["DEFENDANT'S MOTION TO DISMISS", "MOTION FOR SUMMARY JUDGMENT",
                      "PLAINTIFF'S MOTION TO COMPEL", "MOTION FOR A PRELIMINARY INJUNCTION",
                      "MOTION FOR ATTORNEY'S FEES", "MOTION TO REMAND",
                      "CROSS-MOTIONS FOR SUMMARY JUDGMENT", "MOTION FOR RECONSIDERATION"])
        Y = r.choice(["SANCTIONS", "DISCOVERY", "THE PROTECTIVE ORDER", "COSTS",
                      "THE SPOLIATION OF EVIDENCE", "JURISDICTION", "THE STAY OF PROCEEDINGS"])
        title = None
        if form == "order" or r.random() < 0.5:
            title = r.choice(titles if form == "order" else
                             ["OPINION", "MEMORANDUM OPINION", "OPINION OF THE COURT",
                              "ON APPEAL FROM THE {C}", "MEMORANDUM"]).format(
                X=X, Y=Y, C=r.choice(["DISTRICT COURT", "TAX COURT", "BOARD OF REVIEW"]))
            if r.random() < 0.25:
                title = title_case(title.lower())
            title = self.clean(title)
            a.gold["title"] = title
        left = [set_text(pl, cap_ts, w * 0.46, "kicker", 0),
                set_text(roles[0], cap_ts, w * 0.46, "kicker", 0, indent=w * 0.18),
                [gap(cap_ts.lead * 0.6)], set_text(vs, cap_ts, w * 0.46, "kicker", 0,
                                                    indent=w * 0.08),
                [gap(cap_ts.lead * 0.6)], set_text(df, cap_ts, w * 0.46, "kicker", 0),
                set_text(roles[1], cap_ts, w * 0.46, "kicker", 0, indent=w * 0.18)]
        caption_form = self.pick("caption_form", ["two_columns", "two_columns", "stacked"])
        dated = None
        if r.random() < 0.35:
            dated = self.issue_date
        date_line = None
        if dated:
            date_line = self.clean(r.choice(["Filed {d}", "Filed: {d}", "Decided: {d}",
                                             "Submitted and decided {d}", "Dated: {d}"]).format(
                d=self.date_text(dated, r.choice(["en_mdy", "en_mdy", self.date_fmt]),
                                 prefix_p=0)))
            a.gold["date"] = dated.isoformat()
            a.date_roles.add("date")
        if caption_form == "two_columns":
            wl, wr = w * 0.46, w * 0.44
            right = [set_text(docket, cap_ts, wr, "kicker", 0, align="c")]
            if title:
                right += [[gap(cap_ts.lead)], set_text(title, bold, wr, "headline", 0,
                                                       align="c")]
            if date_line:
                right += [[gap(cap_ts.lead)], set_text(date_line, cap_ts, wr, "date", 0,
                                                       align="c")]
            L = stack([x for x in left], wl)
            R = stack([x for x in right], wr)
            for ln in R.lns:
                ln.dx += w - wr
            cap = Item(max(L.h, R.h) + 6, lns=L.lns + R.lns, w=w, keep=True)
            cap.rects = [(wl + (w - wl - wr) / 2, 0, 0.8, max(L.h, R.h) + 4, 0.1, False, 0)] \
                if r.random() < 0.7 else []
            head += [cap, gap(cap_ts.lead * 0.5)]
            if r.random() < 0.5:
                head += [rule_item(w * 0.3, 8, 0.6, dx=w * 0.35)]
            tpl += ["K*", "T" if title else "", "D" if date_line else ""]
        else:
            L = stack(left, w * 0.5)
            head += [L, gap(cap_ts.lead * 0.6)]
            head += set_text(docket, cap_ts, w, "kicker", 0, align=r.choice(["l", "c", "r"]))
            if form == "opinion":
                for t in r.sample([
                        "Appeal from the {C} for the {D}", "Argued {d2}", "Before {J1}, {J2}, and "
                        "{J3}, Circuit Judges.", "Summary Calendar", "On Petition for Review"],
                        r.randint(1, 3)):
                    head.append(gap(cap_ts.lead * 0.3))
                    head += set_text(self.clean(t.format(
                        C=r.choice(["United States District Court", "Circuit Court",
                                    "County Court"]), D=r.choice(["District of", "County of"]) +
                        " " + self.namer.place(), J1=self.namer.surname1().upper(),
                        J2=self.namer.surname1().upper(), J3=self.namer.surname1().upper(),
                        d2=self.date_text(self.issue_date - dt.timedelta(days=r.randint(30, 200)),
                                          "en_mdy", prefix_p=0))), cap_ts, w, "kicker", 0,
                        align="c")
            if date_line:
                head.append(gap(cap_ts.lead * 0.3))
                head += set_text(date_line, cap_ts, w, "date", 0, align="c")
            if title:
                head.append(gap(cap_ts.lead))
                head += set_text(title, bold, w * 0.8, "headline", 0, align="c", dx=w * 0.1)
            tpl += ["K*", "D" if date_line else "", "T" if title else ""]
        head.append(gap(cap_ts.lead * r.uniform(1.0, 2.0)))
        a.layout["meta_template"] = " ".join(t for t in tpl if t) + "|"
        a.layout["date_format"] = None
        # the body
        paras, fmts = [], {}
        a.leads = {}
        if form == "opinion" and r.random() < 0.7:
            j = self.namer.surname1().upper()
            lead = self.clean(r.choice(["%s, Circuit Judge:" % j, "PER CURIAM:",
                                        "%s, Judge." % j, "%s, J." % j]))
        elif r.random() < 0.3:
            lead = self.clean("%s, %s Judge." % (self.namer.surname1().upper(), r.choice(
                ["District", "Chief District", "Magistrate", "Senior District"])))
        else:
            lead = None
        hstyle = self.pick("court_heading_style", ["roman_caps", "roman_alone", "roman_title",
                                                   "roman_caps"])
        hts = ts.but(bold=r.random() < 0.7, lead=round(ts.size * 1.2, 2))
        halign = r.choice(["c", "l", "c"])
        sub_ts = ts.but(bold=r.random() < 0.5, italic=r.random() < 0.5,
                        lead=round(ts.size * 1.2, 2))
        roman = ["I", "II", "III", "IV", "V", "VI"]
        secs = r.sample(["BACKGROUND", "FACTUAL BACKGROUND", "PROCEDURAL HISTORY",
                         "STANDARD OF REVIEW", "LEGAL STANDARD", "DISCUSSION", "ANALYSIS"],
                        r.randint(2, 4)) + ["CONCLUSION"]
        subs = ["Standard of Review", "Jurisdiction", "The Motion to Dismiss", "Sanctions",
                "Qualified Immunity", "Damages", "Attorney's Fees", "Spoliation",
                "Breach of Contract", "Negligence", "Statute of Limitations", "Standing",
                "Preemption", "Discovery Obligations", "Remedies"]
        fmt_h = {"ts": hts, "align": halign, "before": ts.lead * 0.5, "after": ts.lead * 0.2}
        first_run = True
        for k, sec in enumerate(secs):
            run = self.pool.run(r, int(r.uniform(150, 700)) if sec != "CONCLUSION" else 60,
                                heads=False, speakers=False,
                                genres={"court": 5, "academic": 2, "news": 1},
                                exclude=self.used_src, top=False if first_run else None)
            if not (first_run and r.random() < 0.5):
                h = {"roman_caps": "%s. %s" % (roman[k], sec), "roman_alone": roman[k],
                     "roman_title": "%s. %s" % (roman[k], title_case(sec.lower()))}[hstyle]
                fmts[len(paras)] = dict(fmt_h)
                paras.append(("head", h))
            ps = [(kk, self.clean(t)) for kk, t in run["paras"] if kk in ("p", "quote", "item")]
            ps = [(kk, t) for kk, t in ps if t]
            if sec in ("DISCUSSION", "ANALYSIS") and len(ps) > 3 and r.random() < 0.7:
                nsub = min(len(ps) // 2, r.randint(2, 3))
                cut = sorted(r.sample(range(1, len(ps)), nsub - 1)) if nsub > 1 else []
                ss = r.sample(subs, nsub)
                new = []
                for q, x in enumerate(ps):
                    if q == 0 or q in cut:
                        new.append(("head", "%s. %s" % ("ABCD"[len([y for y in new if y[0] ==
                                                                   "head"])], ss.pop())))
                    new.append(x)
                ps = new
            for kk, t in ps:
                if kk == "head":
                    fmts[len(paras)] = {"ts": sub_ts, "align": "l", "before": ts.lead * 0.3,
                                        "after": ts.lead * 0.1}
                    paras.append(("head", self.clean(t)))
                    continue
                if first_run and lead:
                    a.leads[len(paras)] = (lead, ts.but(bold=r.random() < 0.5))
                    t = lead + " " + t
                    first_run = False
                first_run = False
                if kk == "p" and r.random() < 0.12:
                    # a block quote, single-spaced and indented
                    fmts[len(paras)] = {"inset": ts.size * 3, "indent": 0.0,
                                        "ts": ts.but(lead=round(ts.size * 1.18, 2)),
                                        "before": ts.lead * 0.3}
                    kk = "quote"
                paras.append((kk, t))
        # the sign-off
        judge = self.namer.person()
        jname = judge.upper() if r.random() < 0.6 else judge
        paras.append(("p", self.clean(r.choice(["IT IS SO ORDERED.", "IT IS SO ORDERED.",
                                                "SO ORDERED.", "Accordingly, the judgment is "
                                                "AFFIRMED.", "REVERSED and REMANDED."]))))
        sig = []
        if r.random() < 0.7:
            sd = self.issue_date
            sig.append(self.clean(r.choice(["DATED this {o} day of {m}, {y}.", "Dated: {d}",
                                            "{P}, {d}", "ENTERED: {d}"]).format(
                o=str(sd.day) + _ordinal(sd.day), m=MONTHS_EN[sd.month - 1], y=sd.year,
                d=fmt_date("en_mdy", sd), P=self.namer.place())))
            if a.gold["date"] is None:
                a.gold["date"] = sd.isoformat()
                a.date_roles.add("signature")
        if r.random() < 0.4:
            sig.append("/s/ " + self.clean(judge))
        sig.append(self.clean(jname))
        sig.append(self.clean(r.choice(["UNITED STATES DISTRICT JUDGE", "District Judge",
                                        "Chief Judge", "MAGISTRATE JUDGE", "Presiding Judge",
                                        "Circuit Judge"])))
        salign = r.choice(["l", "r", "c"])
        for t in sig:
            fmts[len(paras)] = {"align": salign, "ts": ts.but(lead=round(ts.size * 1.2, 2))}
            paras.append(("signature", t))
        a.gold["authors"] = [self.clean(jname)]
        a.paras = paras
        a.para_fmt = fmts
        fr = self.pick("footnote_rate", [0.0, 0.1, 0.2, 0.3])
        if fr:
            self.add_footnote_marks(a, fr)
        self.arts = [a]
        body = self.body_items(a, w)
        a.items = head + body
        self.flow.cols(1, gutter=self.gutter)
        self.flow.add(head + body)
        self.flow.close()
        self.add_furniture()

    # -- speeches and drafts (double-spaced) ------------------------------------------------------
    def build_speech(self, form):
        """A speech or a draft, double-spaced: a blank printed line between the lines, paragraphs
        marked only by a first-line indent; headings like "I. INTRODUCTION"; footnotes; "Page 1
        of 23". One article."""
        r = self.rng
        ts = self.body_ts
        self.double_space(r.choice([2.0, 2.0, 1.8]))
        self.style["page_number_style"] = r.choice(["Page {p} of {n}", "{p}", "- {p} -",
                                                    "Page {p}"])
        self.hdr, self.ftr = [], [("c", "pageno")]
        if form == "draft":
            dl = self.clean(r.choice(["DRAFT", "DRAFT — not for citation", "Draft {d}",
                                      "Discussion draft · {d}", "PRELIMINARY DRAFT"]).format(
                d=self.date_text(self.issue_date, prefix_p=0)))
            self.custom_slots["draft"] = lambda p, n: dl
            self.hdr = [(r.choice(["r", "l", "c"]), "draft")]
        self.hdr_first = True
        self.ftr_first = self.flag("footer_on_first", 0.8)
        self.alternate = False
        self.hdr_join = self.ftr_join = False
        self.style["header_slots"] = " ".join("%s:%s" % x for x in self.hdr)
        self.style["footer_slots"] = " ".join("%s:%s" % x for x in self.ftr)
        g = self.geom
        self.geom = Geom(g.w, g.h, g.ml, g.mr, g.mt, g.mb,
                         self.hf_ts.lead + 10 if self.hdr else 0, self.hf_ts.lead + 12)
        self.flow = Flow(self.geom)
        a = Art(0)
        a.ncols = 1
        a.layout["double_spaced"] = form
        a.layout["columns"] = 1
        w = self.geom.width
        who = self.namer.person()
        org = self.org()
        pre = []
        run0 = self.pool.run(r, 50, genres={"news": 2, "academic": 2}, top=True)
        title = self.report_title(run0) if r.random() < 0.6 else self.clean(
            apply_case(self.title_for(run0), "title"))
        hts = TS(ts.fam, round(ts.size * r.uniform(1.0, 1.4), 1), bold=True,
                 lead=round(ts.size * 1.5, 2))
        mts = ts.but(lead=round(ts.size * 1.25, 2))
        a.gold["title"] = title
        if form == "speech":
            if r.random() < 0.4:
                pre.append(("kicker", r.choice(["Remarks of", "Prepared Remarks of",
                                                "Keynote address by", "Statement of"])))
            by = self.clean(who + (", " + r.choice(ROLES + ["Commissioner", "Director",
                                                           "Chair", "Secretary"])
                                   if r.random() < 0.6 else ""))
            pre.append(("headline", title))
            pre.append(("byline", by))
            a.gold["authors"] = [self.clean(who)]
            if r.random() < 0.8:
                pre.append(("kicker", self.clean(r.choice([
                    "{T} Conference, {P}", "Annual Meeting of the {o}", "{P} Forum on {T}",
                    "Before the {o}", "{T} Summit"]).format(T=r.choice(TOPICS), P=self.namer.place(),
                                                             o=self.org()))))
            if r.random() < 0.8:
                pre.append(("date", self.date_text(self.issue_date, prefix_p=0)))
                a.gold["date"] = self.issue_date.isoformat()
                a.date_roles.add("date")
            if r.random() < 0.3:
                pre.append(("kicker", r.choice(["Check against delivery",
                                                "As prepared for delivery"])))
        else:
            pre.append(("headline", title))
            if r.random() < 0.7:
                bt, names = self.byline(n=r.choice([1, 1, 2]), allow_roles=False)
                pre.append(("byline", bt))
                a.gold["authors"] = names
            if r.random() < 0.6:
                pre.append(("outlet", self.clean(org)))
                a.gold["outlet"] = self.clean(org)
                a.outlet_roles.add("outlet")
            if r.random() < 0.5:
                pre.append(("date", self.date_text(self.issue_date, prefix_p=0)))
                a.gold["date"] = self.issue_date.isoformat()
                a.date_roles.add("date")
        head = []
        al = r.choice(["c", "c", "l"])
        for role, text in pre:
            head += set_text(self.clean(text), hts if role == "headline" else mts, w, role, 0,
                             align=al, keep=True)
            head.append(Item(mts.lead * 0.4, gap=True, keep=True))
        head.append(gap(ts.lead))
        a.pre = pre
        a.layout["meta_template"] = " ".join({"kicker": "K", "headline": "T", "byline": "B",
                                              "outlet": "O", "date": "D"}[x[0]]
                                             for x in pre) + "|"
        a.layout["date_format"] = None
        paras, fmts = [], {}
        hts2 = ts.but(bold=True, lead=round(ts.size * 1.3, 2))
        roman = ["I", "II", "III", "IV", "V", "VI", "VII"]
        heads = r.random() < 0.6
        for k in range(r.randint(2, 6)):
            run = self.pool.run(r, int(r.uniform(150, 600)), heads=False, speakers=False,
                                genres={"interview": 2, "news": 2, "academic": 2, "court": 1},
                                exclude=self.used_src)
            if heads:
                h = "%s.%s%s" % (roman[k], r.choice([" ", "  "]), (
                    "INTRODUCTION" if k == 0 else self.subheading().upper()))
                fmts[len(paras)] = {"ts": hts2, "before": ts.lead * 0.3, "after": ts.lead * 0.1}
                paras.append(("head", self.clean(h)))
            for kk, t in run["paras"]:
                t = self.clean(t)
                if t and kk in ("p", "quote"):
                    paras.append(("p", t))
        a.paras = paras
        a.para_fmt = fmts
        fr = self.pick("footnote_rate", [0.0, 0.15, 0.3])
        if fr:
            self.add_footnote_marks(a, fr)
        self.arts = [a]
        body = self.body_items(a, w)
        a.items = head + body
        self.flow.cols(1, gutter=self.gutter)
        self.flow.add(head + body)
        self.flow.close()
        self.add_furniture()


    # -- single documents and letters pages --------------------------------------------------
    def build_single(self):
        r = self.rng
        self.common_style(layout_weights=(55, 30, 10, 5))
        self.issue_date = self.rand_issue_date()
        self.issue_no_s = self.issue_no()
        form = self.pick("single_form", ["article", "letter", "press_release", "speech",
                                         "draft"], [40, 20, 20, 12, 8])
        self.name = None
        self.furniture_style()
        if form in ("speech", "draft"):
            self.build_speech(form)
            return
        if form != "article":
            self.hdr = [x for x in self.hdr if x[1] in ("pageno", "date", "confidential")]
            self.ftr = [x for x in self.ftr if x[1] in ("pageno", "disclaimer", "code")]
            self.style["header_slots"] = " ".join("%s:%s" % x for x in self.hdr)
            self.style["footer_slots"] = " ".join("%s:%s" % x for x in self.ftr)
        self.name = self.clean(r.choice(["Clipping", "Press cutting", "Article", "Document"]))
        self.flow = Flow(self.geom)
        probs = self.doc_probs()
        if form == "article":
            self.name = None
            a = self.make_clipping(0, probs)
            if r.random() < 0.6:
                # a longer piece
                run = self.pool.run(r, int(r.uniform(600, 2500)), heads=True,
                                    bullets=r.choice(BULLETS))
                a.paras = self.body_paras(run, probs["clip"])
            self.place_all([a])
            return
        org = self.clean(self.org())
        lines = [(org, TS(self.style["head_family"], self.num("letterhead_size", 12, 22),
                          bold=r.random() < 0.7), self.pick("letterhead_align", ["l", "c", "r"]))]
        small = self.meta_ts.but(italic=False)
        al = lines[0][2]
        if r.random() < 0.7:
            lines.append((self.clean("%d %s %s, %s" % (r.randint(1, 250), self.namer.place(),
                                                       r.choice(["Street", "Road", "Avenue",
                                                                 "Square", "Lane"]),
                                                       self.namer.place())), small, al))
        if r.random() < 0.5:
            lines.append((self.clean("Tel. +%d %d %d · www.%s.org" % (
                r.randint(1, 99), r.randint(100, 999), r.randint(100000, 999999),
                strip_accents(self.namer.place1().lower()))), small, al))
        self.style["name_printed"] = org
        self.masthead(lines)
        if form == "letter":
            a, run = self.make_letter(0, "letter", n_paras=r.randint(2, 7))
            date = self.issue_date
            a.pre = [("date", self.date_text(date, prefix_p=0.1))]
            if r.random() < 0.6:
                subj = self.clean(r.choice(["Re: ", "Subject: ", "RE: ", "Concerning: ", ""]) +
                                  apply_case(self.title_for(run), "sentence"))
                a.pre.append(("headline", subj))
                a.gold["title"] = subj
            if r.random() < 0.3:
                a.pre = a.pre[::-1]
            a.gold["date"] = date.isoformat()
            a.layout["meta_template"] = " ".join({"date": "D", "headline": "T"}[x[0]]
                                                 for x in a.pre) + "|"
            a.layout["date_format"] = self.date_fmt
            a.ncols = 1
            self.place_all([a])
            return
        # press release
        a = Art(0)
        run = self.pool.run(r, int(r.uniform(200, 900)), heads=r.random() < 0.3,
                            genres={"news": 5, "interview": 1})
        title = self.clean(apply_case(self.title_for(run), self.head_case))
        date = self.issue_date
        pre = [("kicker", self.clean(r.choice(["PRESS RELEASE", "Press release", "NEWS RELEASE",
                                               "MEDIA RELEASE", "Communiqué de presse",
                                               "Pressemitteilung", "STATEMENT"])))]
        if r.random() < 0.6:
            pre.append(("kicker", self.clean(r.choice(["For immediate release",
                                                       "FOR IMMEDIATE RELEASE",
                                                       "Embargoed until %s" % self.date_text(
                                                           date, prefix_p=0)]))))
        pre.append(("headline", title))
        a.gold["title"] = title
        if r.random() < 0.4:
            s = self.subtitle_from(run, None)
            if s:
                pre.append(("standfirst", s))
                a.gold["subtitle"] = s
        dl = self.clean("%s, %s" % (self.namer.place().upper() if r.random() < 0.6 else
                                    self.namer.place(), self.date_text(date, prefix_p=0)))
        pre.append(("dateline", dl))
        a.gold["date"] = date.isoformat()
        a.gold["outlet"] = org
        a.pre = pre
        a.layout["meta_template"] = " ".join({"kicker": "K", "headline": "T", "standfirst": "S",
                                              "dateline": "L"}[x[0]] for x in pre) + "|"
        a.layout["date_format"] = self.date_fmt
        a.paras = self.body_paras(run, 0)
        a.other_tail = [self.clean(x) for x in r.choice([["###"], ["-ENDS-"], ["– ends –"], [],
                                                           ["###", "Media contact: %s, %s" % (
                                                               self.namer.person(),
                                                               r.choice(DEPARTMENTS))],
                                                           ["Notes to editors"]])]
        a.ncols = self.ncols
        self.place_all([a])

    def build_letters(self):
        r = self.rng
        self.common_style(layout_weights=(25, 40, 30, 5))
        self.issue_date = self.rand_issue_date()
        paper, shape = self.outlet()
        self.name = paper
        self.issue_no_s = self.issue_no()
        page_title = self.clean(r.choice(["Letters to the Editor", "Letters", "Your letters",
                                          "Readers' letters", "Leserbriefe",
                                          "Courrier des lecteurs", "Cartas al director",
                                          "Lettere al direttore", "Correspondence",
                                          "Your views"]))
        self.custom_slots["lt_title"] = lambda p, n: page_title
        self.furniture_style(section=page_title)
        self.flow = Flow(self.geom)
        lines = [(page_title, TS(self.style["head_family"], self.num("masthead_size", 16, 30),
                                 bold=True), self.pick("masthead_align", ["l", "c"]))]
        if r.random() < 0.8:
            lines.append((self.clean(paper + r.choice([" · ", " | ", ", ", " — "]) +
                                     self.date_text(self.issue_date, prefix_p=0)),
                          self.meta_ts, lines[0][2]))
        self.style["name_printed"] = paper
        self.masthead(lines)
        n = r.randint(2, 9)
        arts = []
        head_p = r.choice([0.0, 0.7, 1.0])
        for i in range(n):
            a, run = self.make_letter(i, "letter")
            if r.random() < head_p:
                t = self.clean(apply_case(self.title_for(run), self.head_case))
                a.pre = [("headline", t)]
                a.gold["title"] = t
            a.layout["meta_template"] = "T|" if a.pre else "|"
            a.layout["date_format"] = None
            a.gold["outlet"] = paper
            a.gold["date"] = self.issue_date.isoformat()
            a.ncols = self.ncols
            if r.random() < 0.1:
                a.other_tail = [self.clean(r.choice([
                    "Editor's note: the letter has been shortened.",
                    "The editor reserves the right to shorten letters.",
                    "A reply from the council appears below."]))]
            arts.append(a)
        self.place_all(arts)

    # -- output ------------------------------------------------------------------------------
    def build(self):
        r = self.rng
        self.kind = r.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
        if os.environ.get("SEG_FORCE_KIND"):  # for looking at one kind while developing
            self.kind = os.environ["SEG_FORCE_KIND"]
        builder = getattr(self, "build_" + self.kind, None)
        if builder is None:
            self.kind = "digest"
            builder = self.build_digest
        self.style["kind"] = self.kind
        builder()

    def gold(self, records):
        split = int(hashlib.sha256(self.id.encode()).hexdigest()[:8], 16) % 10
        split = "train" if split < 8 else ("tune" if split == 8 else "test")
        arts = []
        for a in self.arts:
            g = dict(a.gold)
            g["body"] = "\n\n".join(t for _, t in a.paras).replace(FNM, "")
            mine = [ln for ln in records if ln.article == a.idx]
            owned = [ln for ln in records if ln.article == a.idx or ln.owner == a.idx]
            if a.footnotes:
                fns = []
                for k in range(len(a.footnotes)):
                    fl = [ln for ln in owned if ln.para == -(k + 1) and ln.role == "reference"]
                    if fl:
                        fns.append(join_lines(fl))
                g["footnotes"] = fns
            g["meta_lines"] = [ln.text for ln in mine if ln.role in HEADISH]
            pages = sorted({ln.page for ln in mine}) or [None]
            lay = dict(a.layout)
            lay["pages"] = [pages[0], pages[-1]]
            if mine:
                first = records.index(mine[0])
                lay["starts_page_top"] = not any(
                    ln.page == mine[0].page and ln.role not in (
                        "running_header", "running_footer", "page_number")
                    for ln in records[:first])
            lay["spans_pages"] = pages[0] != pages[-1]
            lay["has_pull_quote"] = any(ln.role == "pull_quote" for ln in owned)
            lay["has_photo"] = a.photo is not None
            lay["has_sidebar"] = any(ln.role == "sidebar" for ln in owned)
            lay.setdefault("meta_template", None)
            lay.setdefault("date_format", None)
            g["layout"] = lay
            arts.append(g)
        furn = {}
        for ln in records:
            if ln.article is None:
                key = (ln.text, FURN_KIND.get(ln.role, "other"))
                furn.setdefault(key, None)
        fd = []
        for (text, kind) in furn:
            fd.append({"text": text, "kind": kind,
                       "count_in_gold_bodies": [g["body"].count(text) if text.strip() else 0
                                                for g in arts]})
        name = self.name_printed()
        alltext = " ".join(ln.text for ln in records)
        if name and name not in alltext:
            name = None  # never printed
        issue = self.issue_date.isoformat() if self.issue_date else None
        if self.style.get("excerpt"):
            texts = getattr(self, "excerpt_texts", [])
            name = self.printed_default("outlet", texts) if self.kind != "report" else None
            if name is None and self.name_printed() and self.name_printed() in alltext:
                name = self.name_printed()
            if self.printed_default("date", texts) is None and self.kind in (
                    "newsletter", "gazette", "record", "letters", "report"):
                issue = None
        return {"digest": self.id, "split": split, "kind": self.kind, "name": name,
                "issue_date": issue,
                "pages": getattr(self, "n_pages", None) or len(self.flow.pages),
                "layout_kind": self.style.get("layout_kind"),
                "style": self.style, "articles": arts, "furniture_detail": fd,
                "not_articles": self.not_articles}

    # -- excerpts --------------------------------------------------------------------------
    def choose_excerpt(self):
        """For about a fifth of the documents of two pages or more: a run of pages from the
        middle (p0, p1), the first of which starts inside an article (mid-paragraph or at a
        section heading) and the last of which ends inside one, as excerpts of real documents do.
        None: the whole document."""
        r = self.rng
        pages = self.flow.pages
        n = len(pages)
        p = getattr(self, "excerpt_p", 0.24)  # some documents have no page to cut at
        if n < 2 or r.random() >= p:
            return None
        lns = {pg.n: [ln for it in pg.items for ln in it.lns] for pg in pages}
        own, body = {}, {}
        for pn, ls in lns.items():
            for ln in ls:
                if ln.article is not None:
                    own.setdefault(ln.article, set()).add(pn)
                    if ln.role in BODYISH:
                        body.setdefault(ln.article, set()).add(pn)

        def starts_mid(pn):
            ls = lns[pn]
            if not ls:
                return False
            ln = ls[0]
            return ln.role in BODYISH and ln.article is not None and min(own[ln.article]) < pn

        def ends_mid(pn):
            ls = [ln for ln in lns[pn] if ln.article is not None]
            return bool(ls) and max(own[ls[-1].article]) > pn

        def whole(p0, p1):
            rng_ = set(range(p0, p1 + 1))
            return all(body.get(a, set()) & rng_ for a, ps in own.items() if ps & rng_)
        cands = []
        if n == 2:
            if starts_mid(2) and whole(2, 2):
                cands.append((2, 2))
            if ends_mid(1) and whole(1, 1):
                cands.append((1, 1))
        else:
            for p0 in range(2, n):
                if not starts_mid(p0):
                    continue
                for p1 in range(p0, min(n - 1, p0 + 3) + 1):
                    if ends_mid(p1) and whole(p0, p1):
                        cands.append((p0, p1))
        if not cands:
            return None
        return r.choice(cands)

    def printed_default(self, field, texts):
        """The document's default outlet or date for its items, when the excerpt's pages print
        it (in a running head or footer, a masthead): the name as printed there, the issue date;
        else None. Clippings, single documents and court papers have none."""
        if self.kind not in ("newsletter", "gazette", "record", "letters", "report"):
            return None
        if field == "outlet":
            forms = [f for f in getattr(self, "name_forms", []) if f]
            forms += [self.name_printed(), self.name, (self.name or "").upper()]
            if self.kind == "report":
                forms = [getattr(self, "report_org", None)]
            for f in forms:
                if f and any(f in t for t in texts):
                    return f
            return None
        if self.issue_date and any(d and d in t for d in getattr(self, "date_strings", set())
                                   for t in texts):
            return self.issue_date.isoformat()
        return None

    def apply_excerpt(self, records, p0, p1):
        """Keeps the records of pages p0-p1 (renumbered from 1); articles wholly outside are
        dropped, articles cut by the excerpt are `partial`: their body is what the kept pages
        print of it, and title, subtitle, authors, date and outlet only what they print."""
        kept = [ln for ln in records if p0 <= ln.page <= p1]
        furn_texts = [ln.text for ln in kept if ln.article is None]
        arts, remap = [], {}
        for a in self.arts:
            mine = [ln for ln in records if ln.article == a.idx]
            km = [ln for ln in kept if ln.article == a.idx]
            if not km:
                continue
            remap[a.idx] = len(arts)
            arts.append(a)
            g = a.gold
            roles = {ln.role for ln in km}
            if len(km) < len(mine):
                g["partial"] = True
                if "headline" not in roles:
                    g["title"] = None
                if "standfirst" not in roles:
                    g["subtitle"] = None
                own = [ln for ln in km if ln.role != "body"]
                text = norm_ws(join_lines(own)) + " " + " ".join(ln.text for ln in own)
                g["authors"] = [x for x in g["authors"] if x in text]
                # the body: what the kept pages print of each paragraph
                paras = []
                for j in sorted({ln.para for ln in km if ln.role in BODYISH}):
                    pl = [ln for ln in km if ln.para == j and ln.role in BODYISH]
                    paras.append((a.paras[j][0], join_lines(pl)))
                a.paras = paras
                a.layout["excerpt_cut"] = [min(ln.page for ln in mine) < p0,
                                           max(ln.page for ln in mine) > p1]
            fns = []
            for k, (j, mark, t) in enumerate(a.footnotes):
                fl = [ln for ln in records if ln.owner == a.idx and ln.para == -(k + 1)
                      and ln.role == "reference"]
                if fl and p0 <= fl[0].page <= p1:
                    for ln in fl:
                        ln.para = -(len(fns) + 1)
                    fns.append((j, mark, t))
                else:
                    for ln in fl:
                        ln.para = None
            a.footnotes = fns
            if g["date"] is not None and not (a.date_roles & roles):
                g["date"] = self.printed_default("date", furn_texts)
            if g["outlet"] is not None and not (a.outlet_roles & roles):
                g["outlet"] = self.printed_default("outlet", furn_texts)
        # tables, contents, reference lists kept when a line of theirs is
        used = set()
        nas = []
        for na in self.not_articles:
            ts = na["text_start"]
            k0 = next((k for k, ln in enumerate(records) if k not in used and ln.article is None
                       and ln.role in ("table", "contents", "reference", "form", "other")
                       and (ln.text == ts or (ln.text and ts.startswith(ln.text)))), None)
            if k0 is None:
                nas.append(na)
                continue
            grp = []
            for k in range(k0, len(records)):
                ln = records[k]
                if ln.role in ("running_header", "running_footer", "page_number"):
                    continue
                if ln.role != records[k0].role or ln.owner != records[k0].owner or (
                        ln.article is not None):
                    break
                grp.append(ln)
                used.add(k)
            kl = [ln for ln in grp if p0 <= ln.page <= p1]
            if kl:
                nas.append(dict(na, text_start=kl[0].text) if kl[0] is not grp[0] else na)
        self.not_articles = nas
        for a in arts:
            a.idx = remap[a.idx]
        for ln in kept:
            if ln.article is not None:
                ln.article = remap[ln.article]
            if ln.owner is not None:
                ln.owner = remap.get(ln.owner)
            ln.page -= p0 - 1
        self.arts = arts
        self.n_pages = p1 - p0 + 1
        self.style["excerpt"] = [p0, p1, len(self.flow.pages)]
        self.excerpt_texts = furn_texts
        return kept

    def write(self, outdir, dumps=True):
        base = os.path.join(outdir, self.id)
        keep = self.choose_excerpt()
        records = render(self, base + ".pdf", keep)
        if keep:
            records = self.apply_excerpt(records, *keep)
        for a in self.arts:
            a.gold.setdefault("partial", False)
        with open(base + ".lines.jsonl", "w", encoding="utf-8") as f:
            for ln in records:
                o = {"page": ln.page, "x0": round(ln.x0, 2), "y0": round(ln.y0, 2),
                     "x1": round(ln.x1, 2), "y1": round(ln.y1, 2), "text": ln.text,
                     "font": ln.font, "size": ln.size, "bold": ln.bold, "italic": ln.italic,
                     "role": ln.role, "article": ln.article}
                if ln.owner is not None:
                    o["owner"] = ln.owner
                if ln.hyph:
                    o["hyphen"] = ln.hyph
                if ln.dropcap:
                    o["dropcap"] = True
                if ln.lead:
                    o["lead"] = {"text": ln.lead[0], "font": ln.lead[1].font,
                                 "size": ln.lead[1].size, "bold": ln.lead[1].bold}
                if ln.role == "reference" and ln.owner is not None and ln.para is not None \
                        and ln.para < 0:
                    o["note"] = -ln.para - 1  # footnote number k of its article (0-based)
                if ln.sc:
                    o["smallcaps"] = True
                f.write(json.dumps(o, ensure_ascii=False) + "\n")
        if dumps:
            subprocess.run(["pdftotext", base + ".pdf", base + ".raw.txt"], check=True)
            subprocess.run(["pdftotext", "-layout", base + ".pdf", base + ".layout.txt"],
                           check=True)
            subprocess.run(["pdftotext", "-raw", base + ".pdf", base + ".rawmode.txt"],
                           check=True)
            # the default mode joins words broken at line ends; -raw keeps them as printed, in
            # the order the lines were drawn (reading order)
            with open(base + ".rawmode.txt", encoding="utf-8") as f:
                raw = f.read()
            text, info = seedlike(raw, random.Random(self.rng.random()))
            with open(base + ".seedlike.txt", "w", encoding="utf-8") as f:
                f.write(text)
            self.style.update(info)
        gold = self.gold(records)
        with open(base + ".gold.json", "w", encoding="utf-8") as f:
            json.dump(gold, f, ensure_ascii=False, indent=1)
        return gold


def norm_ws(s):
    return re.sub(r"\s+", " ", s).strip()


def join_lines(lines):
    """The text of printed lines read as one: a line ending inside a word is joined to the next
    (a hyphen we added dropped), others with a space (as check-seg-data.py does)."""
    out = ""
    glue = True
    for ln in lines:
        t = ln.text
        if not out:
            out = t
        elif glue:
            out += t
        else:
            out += " " + t
        h = ln.hyph
        if h == "soft" and out.endswith("-"):
            out = out[:-1]
        glue = h in ("soft", "hard", "cut") or ln.dropcap
    return out


def seedlike(raw, rng):
    """The third kind of dump: from the default dump's lines, no form feeds, a page's first line
    marked by one leading space, trailing spaces but after a hyphen, some pages double-spaced."""
    pages = raw.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    blank_p = round(rng.uniform(0, 0.7), 2)
    qmode = rng.choices(["none", "apostrophe", "some_double"], weights=[6, 2, 2])[0]
    out, modes = [], []
    for page in pages:
        lines = page.split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        double = rng.random() < 0.5
        modes.append("d" if double else "s")
        first = True
        for ln in lines:
            if not ln.strip():
                if rng.random() < blank_p:
                    out.append(" ")
                continue
            s = ln.rstrip()
            if first:
                s = " " + s
                first = False
            if not s.endswith("-"):
                s += " "
            out.append(s)
            if double:
                out.append("")
    text = "\n".join(out) + "\n"
    if qmode == "apostrophe":
        text = text.replace("’", "'")
    elif qmode == "some_double":
        text = "".join('"' if c == "’" and rng.random() < 0.5 else c for c in text)
    return text, {"seedlike_pages": "".join(modes), "seedlike_blank_space_p": blank_p,
                  "seedlike_quotes": qmode}


# ---------------------------------------------------------------------------------------------
# 9. Commands
# ---------------------------------------------------------------------------------------------

def parse_ids(specs):
    out = []
    for s in specs:
        for part in s.split(","):
            part = part.strip()
            if not part:
                continue
            m = re.fullmatch(r"(\d+)-(\d+)", part)
            if m:
                out += ["g%06d" % i for i in range(int(m.group(1)), int(m.group(2)) + 1)]
            elif re.fullmatch(r"\d+", part):
                out.append("g%06d" % int(part))
            else:
                out.append(part)
    return out


def cmd_gen(args):
    lists = Lists()
    pool = TextPool(os.path.join(args.text, "gum.json"))
    docs_dir = os.path.join(args.out, "docs")
    os.makedirs(docs_dir, exist_ok=True)
    failed = 0
    for did in parse_ids(args.ids):
        doc = Doc(did, args.seed, lists, pool)
        try:
            doc.build()
            doc.write(docs_dir, dumps=not args.no_dumps)
        except Exception:
            import traceback
            traceback.print_exc()
            print("gen-digests: %s failed" % did, file=sys.stderr)
            failed += 1
            for f in os.listdir(docs_dir):
                if f.startswith(did + "."):
                    os.remove(os.path.join(docs_dir, f))
            continue
        if args.verbose:
            print(did, doc.kind, len(doc.flow.pages), "pages", len(doc.arts), "articles")
    if failed:
        sys.exit(1)


def cmd_summary(args):
    import collections
    docs_dir = os.path.join(args.out, "docs")
    kinds = collections.Counter()
    splits = collections.Counter()
    ks = collections.Counter()
    roles = collections.Counter()
    feats = collections.Counter()
    authors = authors_world = 0
    pages = arts = 0
    for f in sorted(os.listdir(docs_dir)):
        if not f.endswith(".gold.json"):
            continue
        with open(os.path.join(docs_dir, f), encoding="utf-8") as fh:
            g = json.load(fh)
        kinds[g["kind"]] += 1
        splits[g["split"]] += 1
        ks[(g["kind"], g["split"])] += 1
        pages += g["pages"]
        arts += len(g["articles"])
        with open(os.path.join(docs_dir, f[:-len(".gold.json")] + ".lines.jsonl"),
                  encoding="utf-8") as fh:
            lines = [json.loads(line) for line in fh]
        for ln in lines:
            roles[ln["role"]] += 1
        c = count_features(g, lines, feats)
        authors += c["authors"]
        authors_world += c["world"]
    print("documents: %d, pages: %d, articles: %d" % (sum(kinds.values()), pages, arts))
    print("%-12s %6s %6s %6s %6s" % ("kind", "train", "tune", "test", "all"))
    for k, _ in KINDS:
        print("%-12s %6d %6d %6d %6d" % (k, ks[(k, "train")], ks[(k, "tune")], ks[(k, "test")],
                                         kinds[k]))
    print("%-12s %6d %6d %6d %6d" % ("all", splits["train"], splits["tune"], splits["test"],
                                     sum(splits.values())))
    print("lines per role:")
    for r in ALL_ROLES:
        print("  %-20s %8d" % (r, roles[r]))
    n = max(1, sum(kinds.values()))
    print("cases (gen2) per 1000 documents:")
    for k, v in feats.most_common():
        if not k.startswith("gen3: "):
            print("  %-58s %8.0f" % (k, 1000.0 * v / n))
    print("cases (gen3) per 1000 documents:")
    for k, v in sorted(feats.items(), key=lambda x: (-x[1], x[0])):
        if k.startswith("gen3: "):
            print("  %-58s %8.0f" % (k[6:], 1000.0 * v / n))
    print("  %-58s %7.0f%%" % ("authors with a given name from the world list",
                               100.0 * authors_world / max(1, authors)))


BY_RE = re.compile(r"^(?:by|von|par|por|di|door|words:|text:|report:|reporting by)\b",
                   re.IGNORECASE)
META_TOKS = {"D", "O", "B", "OD", "DO", "BO", "BD", "L"}


def count_features(g, lines, feats):
    """The cases added in gen2 (see README-seg-data.md), counted per document."""
    st = g["style"]
    by_art = {}
    for ln in lines:
        if ln["article"] is not None:
            by_art.setdefault(ln["article"], []).append(ln)
    wg = set(strip_accents(x).upper() for x in WORLD_GIVEN)
    out = {"authors": 0, "world": 0}
    for i, a in enumerate(g["articles"]):
        lay = a["layout"]
        pre, _, post = (lay.get("meta_template") or "|").partition("|")
        pt, qt = pre.split(), post.split()
        mine = by_art.get(i, [])
        bl = [ln for ln in mine if ln["role"] == "byline"]
        if g["kind"] in ("digest", "newsletter", "single") and bl and \
                not BY_RE.match(bl[0]["text"]):
            feats["head byline without By (articles)"] += 1
        bt = [t for t in pt if t in ("B", "BD")]
        if bt and "T" in pt and pt.index(bt[0]) < pt.index("T"):
            feats["byline over the headline"] += 1
        for x, y, z in zip(pt, pt[1:], pt[2:]):
            if y in ("B", "BD") and {x, z} == {"D", "O"}:
                feats["byline between date and outlet"] += 1
        if bl and lay.get("byline_type") not in (None, "meta"):
            feats["byline in another type (%s)" % lay["byline_type"]] += 1
        if "BD" in pt or "tBD" in qt:
            feats["byline and date on one line (BD, tBD)"] += 1
        ol = [ln for ln in mine if ln["role"] == "outlet"]
        if ol and ol[0]["text"] == a["outlet"] and "T" in pt and "O" in pt and \
                abs(pt.index("O") - pt.index("T")) == 1:
            feats["bare outlet line next to the headline"] += 1
        if lay.get("head_gap") == "tight" and len(pt) > 1:
            feats["head lines without gaps"] += 1
        if a["outlet"] and a["outlet"].isupper() and g["kind"] == "digest":
            feats["outlet in capitals"] += 1
        if ("OD" in pt or "DO" in pt or "tOD" in qt) and a["outlet"] and "," in a["outlet"]:
            feats["outlet with commas in an outlet+date line"] += 1
        if lay.get("headline_form"):
            feats["headline form: %s" % lay["headline_form"]] += 1
        if "T" in pt and any(t in META_TOKS for t in pt[:pt.index("T")]):
            feats["headline after metadata"] += 1
        if any(t in META_TOKS for t in pt) and qt:
            feats["metadata split around the body"] += 1
        if not pt and qt:
            feats["metadata only after the body"] += 1
        if a["subtitle"]:
            feats["standfirst"] += 1
        if lay.get("has_sidebar") and lay.get("sidebar_form"):
            feats["sidebar: %s" % lay["sidebar_form"]] += 1
        for nm in a["authors"]:
            out["authors"] += 1
            if strip_accents(nm.split()[0].rstrip(".")).upper() in wg:
                out["world"] += 1
    count_gen3(g, lines, feats)
    roles = {ln["role"] for ln in lines}
    cs = st.get("contents_style")
    if "contents" in roles and cs:
        feats["contents list: %s" % cs] += 1
        if st.get("contents_outlet_lines"):
            feats["contents list with outlet, date lines"] += 1
    if st.get("masthead_genre_line") and "masthead" in roles:
        feats["masthead with a genre and date line"] += 1
    if st.get("header_name_date") and "running_header" in roles:
        feats["running header with name and date"] += 1
    if st.get("caption_body_type") and "caption" in roles:
        feats["captions in the body's type (documents)"] += 1
    if st.get("sidebar_body_type") and "sidebar" in roles:
        feats["sidebars in the body's type (documents)"] += 1
    return out


def count_gen3(g, lines, feats):
    """The cases added in gen3 (see README-seg-data.md), counted per document (or per article,
    line where said)."""
    st = g["style"]
    k = g["kind"]

    def f(name, n=1):
        if n:
            feats["gen3: " + name] += n
    arts = g["articles"]
    ex = st.get("excerpt")
    if ex:
        f("excerpts (documents)")
        f("excerpts: %s" % k)
        f("partial articles", sum(1 for a in arts if a["partial"]))
        f("partial articles without title", sum(1 for a in arts if a["partial"] and
                                                a["title"] is None))
    nf = sum(len(a.get("footnotes") or []) for a in arts)
    if nf:
        f("documents with footnotes")
        f("footnotes", nf)
    if any(ln.get("smallcaps") for ln in lines):
        f("documents with lines in small capitals")
    if k == "report":
        f("report: %s" % st.get("report_form"))
        f("report cover: %s" % st.get("report_cover"))
        f("report running head: %s" % st.get("report_header"))
        f("report footer: %s" % st.get("report_footer"))
        f("report headings: %s" % st.get("heading_style"))
        f("report subheadings: %s" % st.get("subheading_style"))
        f("report headings numbered: %s" % st.get("section_numbering"))
        if st.get("question_headings"):
            f("report question headings")
        if st.get("report_month_date"):
            f("report month-and-year date")
        if st.get("report_spacing") not in (None, "single"):
            f("report 1.5- or double-spaced")
    if st.get("slug"):
        f("printer's slug (documents)")
    if k == "court":
        f("court: %s" % st.get("court_form"))
        f("court caption: %s" % st.get("caption_form"))
        if st.get("efiling_header"):
            f("court: e-filing running head")
    if st.get("double_spaced"):
        f("double-spaced documents (%s)" % ({2.0: "2", 1.5: "1.5", 1.8: "1.8"}.get(
            st["double_spaced"], "other")))
    if k == "single" and st.get("single_form") in ("speech", "draft"):
        f("single: %s" % st["single_form"])
    if k == "newsletter":
        f("newsletter: %s" % (st.get("newsletter_form") or "standard"))
    if st.get("boxes"):
        f("boxes that are no article (upcoming events, contact us ...)", st["boxes"])
    tabs = [na for na in g["not_articles"] if na["reason"] == "table"]
    if k == "newsletter" and any(na["text_start"].startswith(("Calendar", "Term dates",
                                                               "Events in", "Diary"))
                                 for na in tabs):
        f("newsletter calendars")
    if k == "record":
        if any(na["text_start"].startswith(("YEAS", "NAYS", "NOT VOTING")) for na in tabs):
            f("record roll calls (name lists as tables)")
        if st.get("record_heading_period"):
            f("record headings with a closing period")
        if st.get("record_heading_smallcaps"):
            f("record headings in small capitals")
    if k == "gazette":
        f("gazette masthead: %s" % st.get("gazette_masthead"))
        if any(na["reason"] == "other" for na in g["not_articles"]):
            f("gazette standing note")
        if any(re.search(r"\bCFR\b|^RIN \d", ln["text"]) for ln in lines
               if ln["role"] == "kicker"):
            f("gazette CFR or RIN lines")
    if any(ln.get("lead") for ln in lines if ln["role"] == "body") and k in ("report", "court",
                                                                             "gazette"):
        f("run-in leads (%s)" % k)
    if any(ln["role"] == "body" and ln["text"].lstrip()[:2] in ("• ", "– ", "▪ ", "o ")
           for ln in lines) and k in ("report", "gazette", "court"):
        f("bulleted lists (%s)" % k)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("text")
    t.add_argument("--gum", required=True)
    t.add_argument("--out", required=True)
    g = sub.add_parser("gen")
    g.add_argument("--text", required=True)
    g.add_argument("--out", required=True)
    g.add_argument("--seed", default="1")
    g.add_argument("--no-dumps", action="store_true")
    g.add_argument("-v", "--verbose", action="store_true")
    g.add_argument("ids", nargs="+")
    s = sub.add_parser("summary")
    s.add_argument("--out", required=True)
    args = ap.parse_args()
    {"text": cmd_text, "gen": cmd_gen, "summary": cmd_summary}[args.cmd](args)


if __name__ == "__main__":
    main()
