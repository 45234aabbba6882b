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


def sw(text, font, size):
    return pdfmetrics.stringWidth(text, font, size)


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
                 "bold", "italic", "part", "lead")

    def __init__(self, text, ts, dx, base, avail, align, role, article=None, owner=None,
                 words=None, hyph=None, dropcap=False, part=None):
        self.text, self.font, self.size = text, ts.font, ts.size
        self.bold, self.italic, self.gray = ts.bold, ts.italic, ts.gray
        self.dx, self.base, self.avail, self.align = dx, base, avail, align
        self.role, self.article, self.owner = role, article, owner
        self.words, self.hyph, self.dropcap, self.part = words, hyph, dropcap, part
        self.lead = None  # a run-in lead drawn in its own type: (text, TS, width with space)


class Item:
    """A unit of vertical flow: a line, a gap, or an unbreakable box. foot: a box set at the
    foot of the column it falls in (the text flows on above it)."""
    __slots__ = ("h", "lns", "rects", "gap", "keep", "page", "x", "y", "w", "foot")

    def __init__(self, h, lns=None, rects=None, gap=False, keep=False, w=0):
        self.h, self.lns, self.rects = h, lns or [], rects or []
        self.gap, self.keep, self.page, self.x, self.y, self.w = gap, keep, None, 0, 0, w
        self.foot = False


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
    i, n = 0, len(items)
    while i < n:
        it = items[i]
        if it.gap and y == 0:
            out.append((it, col, None))
            i += 1
            continue
        if it.foot and it.h < H * 0.6:
            if y + it.h + 8 <= lim + 0.01:
                lim -= it.h
                out.append((it, col, lim))
                lim -= 8
                i += 1
                continue
            col += 1
            y, lim = 0.0, H
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
            lim = H
            if col >= ncols:
                return out, i
            continue
        # move the trailing keep-run of this column over too
        while out and out[-1][1] == col and out[-1][0].keep and out[-1][2] and out[-1][2] > 0:
            out.pop()
            i -= 1
        col += 1
        y, lim = 0.0, H
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
        for it, col, y in placed:
            if y is None:
                continue
            it.page = self.page.n
            it.x = x0 + col * (cw + gutter)
            it.y = self.y + y
            used[col] = max(used[col], y + it.h)
            if it.lns or it.rects:
                self.page.items.append(it)
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
            w = sw(text, ln.font, ln.size)
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
                        c.drawString(xx, H - base, t)
                        xx += tw + extra
                    w = ln.avail
                else:
                    if rest:
                        c.drawString(x + lw, H - base, rest)
                    w = lw + sw(rest, ln.font, ln.size) if rest else sw(lt, lts.font, lts.size)
                ln.words = None
            elif ln.words:
                ws = [sw(t, ln.font, ln.size) for t in ln.words]
                extra = (ln.avail - sum(ws)) / (len(ws) - 1)
                xx = x
                for t, tw in zip(ln.words, ws):
                    c.drawString(xx, H - base, t)
                    xx += tw + extra
                w = ln.avail
            elif not ln.lead:
                c.drawString(x, H - base, text)
            a, d = asc_desc(ln.font)
            ln.page = it.page
            ln.x0, ln.x1 = x, x + w
            ln.y0, ln.y1 = base - a * ln.size, base + d * ln.size
            if ln.lead:
                la, ld = asc_desc(ln.lead[1].font)
                ln.y0 = min(ln.y0, base - la * ln.lead[1].size)
                ln.y1 = max(ln.y1, base + ld * ln.lead[1].size)
            records.append(ln)


def render(doc, path):
    g = doc.geom
    c = rl_canvas.Canvas(path, pagesize=(g.w, g.h), invariant=1, pageCompression=1)
    c.setCreator("cuttings scripts/gen-digests.py")
    records = []
    for page in doc.flow.pages:
        top = [it for it in page.furniture if it.y < g.h / 2]
        bottom = [it for it in page.furniture if it.y >= g.h / 2]
        for it in top + page.items + bottom:
            it.page = page.n
        draw_page_items(c, g.h, top, records)
        c.setStrokeGray(0.4)
        for (x0, y0, x1, y1, lw) in page.rules:
            c.setLineWidth(lw)
            c.line(x0, g.h - y0, x1, g.h - y1)
        draw_page_items(c, g.h, page.items, records)
        draw_page_items(c, g.h, bottom, records)
        c.showPage()
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

KINDS = [("digest", 55), ("newsletter", 10), ("gazette", 8), ("record", 7), ("report", 8),
         ("single", 7), ("letters", 5)]
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
        return self.clean(s)

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
                    else:
                        text = pl + r.choice([" —", ":", ""])
                if text is None:
                    continue
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

        for j, (kind, text) in enumerate(a.paras):
            extras(j)
            if kind == "head":
                t = text.upper() if self.xhead_caps else text
                a.paras[j] = (kind, t)
                if not first:
                    out.append(gap(ts.lead * 0.7))
                out += set_text(t, self.xhead_ts, w, "section_heading", a.idx, hyph=nohy,
                                keep=True)
                out.append(Item(ts.lead * 0.25, gap=True, keep=True))
                after_head = True
                continue
            if not first and self.para_style in ("gap", "indent_gap"):
                out.append(gap(self.para_gap))
            if kind == "salutation":
                out += set_text(text, ts, w, "salutation", a.idx, hyph=nohy)
                out.append(gap(ts.lead * 0.3))
                first, after_head = False, True
                continue
            if kind == "signature":
                out += set_text(text, ts, w, "signature", a.idx, hyph=nohy,
                                align=a.layout.get("signature_align", "l"))
                continue
            indent = self.indent if (self.para_style != "gap" and not first and not after_head
                                     and kind == "p") else 0.0
            dx, width = 0.0, w
            if kind == "quote":
                dx = ts.size * 1.2
                width = w - 2 * dx
            elif kind == "item":
                dx = ts.size * 0.8
                width = w - dx
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
            out += set_text(text, ts, width, "body", a.idx, align="j" if self.justify else "l",
                            hyph=self.hyph, indent=indent, dropcap=dc, dx=dx, lead=lead)
            first, after_head = False, False
        extras(n)
        return out


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
                        r_ = "page_number" if k.startswith("pageno") else role
                        it.lns.append(Ln(self.slot_text(k, p, n), ts, 0, base, g.width, al, r_))
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
                it.lns.append(Ln(c, t, xs[k], base, wid[k] - 4, "l" if k == 0 else "r", "table",
                                 None, owner))
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
        if self.flag("masthead", 0.6):
            mts = TS(self.style["head_family"], self.num("masthead_size", 18, 34), bold=True)
            self.style["name_printed"] = self.name
            self.masthead([(self.name, mts, "c"),
                           (self.clean("%s%s%s" % (self.issue_no_s, sep, gdate)),
                            self.body_ts.but(bold=True), "c")])
        probs = {"clip": 0, "new_page": 0}
        n = r.randint(2, 10)
        arts = []
        runin = self.flag("gazette_runin_headings", 0.6)
        for i in range(n):
            arts.append(self.make_gazette_doc(i, runin))
        if self.flag("contents", 0.35):
            self.contents(arts, heading=r.choice(["Contents", "CONTENTS", "In this issue",
                                                  "Table of Contents"]))
        self.place_all(arts)

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
        if r.random() < 0.85:
            pre.append(("kicker", docket))
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
        for kk, t in rest:
            if kk == "head":
                if k < len(num):
                    paras.append(("head", self.clean("%s %s" % (num[k], t))))
                    k += 1
                continue
            paras.append(("p", self.clean(t)))
        while paras and paras[-1][0] == "head":
            paras.pop()
        paras.append(("p", self.clean("Dated: %s." % fmt_date("en_mdy", self.issue_date -
                                                              dt.timedelta(days=r.randint(2, 9))))))
        paras.append(("p", self.clean(self.namer.person() + ",")))
        paras.append(("p", self.clean(r.choice(ROLES) + ", " + agency + ".")))
        a.paras = paras
        a.layout["gazette"] = True
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
        n = r.randint(2, 9)
        arts = [self.make_record_item(i) for i in range(n)]
        self.place_all(arts)

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
        title = self.clean(title.upper())
        a.pre = [("headline", title)]
        a.gold["title"] = title
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
        a.paras = paras
        a.ncols = self.ncols
        a.layout["record"] = True
        return a

    # -- report ------------------------------------------------------------------------------
    def build_report(self):
        r = self.rng
        self.common_style(layout_weights=(60, 35, 2, 3))
        self.issue_date = self.rand_issue_date()
        org = self.clean(r.choice([self.org(), self.namer.outlet("think_tank")[0]]))
        run0 = self.pool.run(r, 50, genres={"academic": 3, "court": 1, "news": 1}, top=True)
        title = self.clean(apply_case(clean_title(run0["title"]) or self.gazette_title(),
                                      self.head_case if self.head_case != "caps" else "title"))
        self.name = title
        self.issue_no_s = self.issue_no()
        short = title if len(title) < 60 else title[:57].rsplit(" ", 1)[0] + " ..."
        self.custom_slots["rep_title"] = lambda p, n: short
        self.custom_slots["rep_org"] = lambda p, n: org
        self.furniture_style()
        self.hdr = [(p, {"name": "rep_title", "section": "rep_org", "issue": "rep_org",
                         "name_date": "rep_title"}.get(k, k)) for p, k in self.hdr]
        self.ftr = [(p, {"name": "rep_org", "issue": "rep_title"}.get(k, k)) for p, k in self.ftr]
        self.style["header_slots"] = " ".join("%s:%s" % x for x in self.hdr)
        self.style["footer_slots"] = " ".join("%s:%s" % x for x in self.ftr)
        self.flow = Flow(self.geom)
        a = Art(0)
        a.ncols = self.ncols
        sub = None
        if r.random() < 0.6:
            sub = self.clean(r.choice(["A report on {t} in {p}", "Final report",
                                       "Working paper No. {n}", "Policy brief",
                                       "An assessment of {t} and {t2}", "Annual review {y}",
                                       "Findings and recommendations"]).format(
                t=r.choice(TOPICS).lower(), t2=r.choice(TOPICS).lower(), p=self.namer.place(),
                n=r.randint(1, 99), y=self.issue_date.year))
        by = self.byline(n=r.choice([1, 2, 3, 4]), allow_roles=False) if r.random() < 0.8 \
            else None
        tpl = r.choice(["K T S B O D|", "T S B O D|", "T B O D|", "K T S B D|", "T S O D|",
                        "T B D|", "T S B|"])
        self.fill_meta(a, tpl, title, sub, self.issue_date, org, by)
        a.layout["report"] = True
        self.own_defaults(a, outlet=org if "O" in tpl else None)
        if "O" not in tpl:
            a.gold["outlet"] = None
        # body: sections from several GUM documents
        paras = []
        nsec = r.randint(3, 9)
        numbering = self.pick("section_numbering", ["arabic", "roman", "none", "arabic"])
        used = set()
        sec_titles = []
        for k in range(nsec):
            run = self.pool.run(r, int(r.uniform(250, 900)), heads=True, speakers=False,
                                genres={"academic": 4, "court": 1, "news": 2, "interview": 1},
                                exclude=self.used_src)
            head = (run["title"] if run["title"] and r.random() < 0.5 else
                    r.choice(self.pool.heads)) if k else \
                r.choice(["Introduction", "Summary", "Overview", "Executive summary",
                          "Background"])
            head = clean_title(head) or "Section %d" % (k + 1)
            if len(head.split()) > 10:
                head = " ".join(head.split()[:8])
            head = re.sub(r"^\d+(\.\d+)*\.?\s+", "", head)
            lab = {"arabic": "%d. " % (k + 1), "roman": "%s. " % ["I", "II", "III", "IV", "V",
                                                                  "VI", "VII", "VIII", "IX"][k],
                   "none": ""}[numbering]
            h = self.clean(lab + head)
            sec_titles.append(h)
            paras.append(("head", h))
            sub_k = 0
            for kind, t in run["paras"]:
                if kind == "head":
                    t = re.sub(r"^\d+(\.\d+)*\.?\s+", "", t)
                    if numbering == "arabic":
                        sub_k += 1
                        t = "%d.%d %s" % (k + 1, sub_k, t)
                    paras.append(("head", self.clean(t)))
                else:
                    paras.append((kind, self.clean(t)))
            while paras and paras[-1][0] == "head":
                paras.pop()
        a.paras = [(k_, t) for k_, t in paras if t]
        a.section_starts = r.random() < 0.3
        nt = r.choice([0, 1, 1, 2, 3])
        a.tables = nt
        a.figures = r.choice([0, 0, 1, 2])
        a.fig_caps = [self.clean("%s %d%s %s" % (r.choice(["Figure", "Fig.", "Chart"]), j + 1,
                                                 r.choice([":", ".", " —"]),
                                                 synth_title(r, r.choice(run0["paras"])[1])))
                      for j in range(a.figures)]
        title_page = self.flag("title_page", 0.5)
        contents = self.flag("contents", 0.4)
        a.new_page = False
        self.arts = [a]
        if title_page:
            a.layout["title_page"] = True
        self.typeset_report(a, title_page, contents, sec_titles)
        self.add_furniture()

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
        head = self.head_items(a, g.width)
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
        sec = 0
        body_pos = [j for j, it in enumerate(body) if it.lns and it.lns[0].role == "body"]
        at = {r.choice(body_pos): ins for ins in inserts} if body_pos else {}
        for j, it in enumerate(body):
            if it.lns and it.lns[0].role == "section_heading" and (
                    j == 0 or not (body[j - 1].lns and body[j - 1].lns[0].role ==
                                   "section_heading")):
                if it.lns[0].text.split()[0] in [s.split()[0] for s in sec_titles] or \
                        it.lns[0].text in sec_titles:
                    if sec < len(sec_titles):
                        anchors[sec] = it
                        sec += 1
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

    # -- single documents and letters pages --------------------------------------------------
    def build_single(self):
        r = self.rng
        self.common_style(layout_weights=(55, 30, 10, 5))
        self.issue_date = self.rand_issue_date()
        self.issue_no_s = self.issue_no()
        form = self.pick("single_form", ["article", "letter", "press_release"], [50, 25, 25])
        self.name = None
        self.furniture_style()
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
            g["body"] = "\n\n".join(t for _, t in a.paras)
            mine = [ln for ln in records if ln.article == a.idx]
            owned = [ln for ln in records if ln.article == a.idx or ln.owner == a.idx]
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
        if name and name not in " ".join(ln.text for ln in records):
            name = None  # never printed
        return {"digest": self.id, "split": split, "kind": self.kind, "name": name,
                "issue_date": self.issue_date.isoformat() if self.issue_date else None,
                "pages": len(self.flow.pages), "layout_kind": self.style.get("layout_kind"),
                "style": self.style, "articles": arts, "furniture_detail": fd,
                "not_articles": self.not_articles}

    def write(self, outdir, dumps=True):
        base = os.path.join(outdir, self.id)
        records = render(self, base + ".pdf")
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
        print("  %-58s %8.0f" % (k, 1000.0 * v / n))
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
