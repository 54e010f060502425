#!/usr/bin/env python3
"""Writes the parser corpus: one feed file per format x malformation, and expected.json with the fields each must yield.

Run from this folder: python3 generate.py. The files are committed; the test reads expected.json.
Expected values are written from what this script put in the file, never from the parser's output.
"""
import json, os, shutil
from datetime import datetime, timezone, timedelta

OUT = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(OUT, "files")
FEED_TITLE = "Corpus Daily"
FEED_LINK = "https://news.example.org/"
BASE_TIME = datetime(2026, 11, 30, 9, 15, 0, tzinfo=timezone.utc)
expected = []

def items(n=3, title0="Storm closes harbour"):
    out = []
    for i in range(n):
        out.append({
            "title": title0 if i == 0 else f"Story number {i + 1}",
            "link": f"https://news.example.org/2026/story-{i + 1}",
            "guid": f"urn:corpus:story-{i + 1}",
            "date": BASE_TIME - timedelta(hours=i),
            "summary": f"Summary of story {i + 1}.",
        })
    return out

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

def rfc822(d): return d.strftime("%a, %d %b %Y %H:%M:%S GMT")
def rfc3339(d): return d.strftime("%Y-%m-%dT%H:%M:%SZ")

# --- writers: each takes a list of items with raw (already escaped where needed) strings -------------------------
def rss20(its, version="2.0", channel_extra="", item_extra="", title=None, link=None, raw=False, date=rfc822, guid=True, prolog=""):
    e = (lambda s: s) if raw else esc
    body = "".join(
        f"<item><title>{e(it['title'])}</title><link>{it['link']}</link>"
        + (f"<guid isPermaLink=\"false\">{it['guid']}</guid>" if guid else "")
        + (f"<pubDate>{it['date'] if isinstance(it['date'], str) else date(it['date'])}</pubDate>" if it.get('date') is not None else "")
        + f"<description>{it['summary'] if raw else esc(it['summary'])}</description>{item_extra}</item>\n" for it in its)
    return (f"{prolog}<rss version=\"{version}\"><channel><title>{title or esc(FEED_TITLE)}</title><link>{link or FEED_LINK}</link>"
            f"<language>en</language>{channel_extra}\n{body}</channel></rss>\n")

def rss091(its, **kw): return rss20(its, version="0.91", guid=False, **kw)
def rss092(its, **kw): return rss20(its, version="0.92", guid=False, **kw)

def rss090(its, raw=False, prolog="", **kw):
    e = (lambda s: s) if raw else esc
    body = "".join(f"<item><title>{e(it['title'])}</title><link>{it['link']}</link></item>\n" for it in its)
    return (f"{prolog}<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://my.netscape.com/rdf/simple/0.9/\">"
            f"<channel><title>{esc(FEED_TITLE)}</title><link>{FEED_LINK}</link><description>d</description></channel>\n{body}</rdf:RDF>\n")

def rss10(its, raw=False, prolog="", **kw):
    e = (lambda s: s) if raw else esc
    body = "".join(
        f"<item rdf:about=\"{it['link']}\"><title>{e(it['title'])}</title><link>{it['link']}</link>"
        + (f"<dc:date>{it['date'] if isinstance(it['date'], str) else rfc3339(it['date'])}</dc:date>" if it.get('date') is not None else "")
        + f"<description>{it['summary'] if raw else esc(it['summary'])}</description></item>\n" for it in its)
    return (f"{prolog}<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" "
            f"xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel rdf:about=\"{FEED_LINK}\"><title>{esc(FEED_TITLE)}</title>"
            f"<link>{FEED_LINK}</link><description>d</description><dc:language>en</dc:language></channel>\n{body}</rdf:RDF>\n")

def atom10(its, raw=False, prolog="", feed_attrs="", **kw):
    e = (lambda s: s) if raw else esc
    body = "".join(
        f"<entry><title>{e(it['title'])}</title><link rel=\"alternate\" href=\"{it['link']}\"/><id>{it['guid']}</id>"
        + (f"<published>{it['date'] if isinstance(it['date'], str) else rfc3339(it['date'])}</published>" if it.get('date') is not None else "")
        + f"<updated>2026-12-01T00:00:00Z</updated><summary>{it['summary'] if raw else esc(it['summary'])}</summary></entry>\n" for it in its)
    return (f"{prolog}<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\"{feed_attrs}><title>{esc(FEED_TITLE)}</title>"
            f"<link rel=\"self\" href=\"{FEED_LINK}feed.atom\"/><link href=\"{FEED_LINK}\"/><id>urn:corpus</id>"
            f"<updated>2026-12-01T00:00:00Z</updated>\n{body}</feed>\n")

def atom03(its, raw=False, prolog="", **kw):
    e = (lambda s: s) if raw else esc
    body = "".join(
        f"<entry><title>{e(it['title'])}</title><link rel=\"alternate\" type=\"text/html\" href=\"{it['link']}\"/><id>{it['guid']}</id>"
        + (f"<issued>{it['date'] if isinstance(it['date'], str) else rfc3339(it['date'])}</issued>" if it.get('date') is not None else "")
        + f"<modified>2026-12-01T00:00:00Z</modified><summary>{it['summary'] if raw else esc(it['summary'])}</summary></entry>\n" for it in its)
    return (f"{prolog}<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>{esc(FEED_TITLE)}</title>"
            f"<link rel=\"alternate\" type=\"text/html\" href=\"{FEED_LINK}\"/><modified>2026-12-01T00:00:00Z</modified>\n{body}</feed>\n")

def jsonfeed(its, version="1.1", **kw):
    doc = {"version": f"https://jsonfeed.org/version/{version}", "title": FEED_TITLE, "home_page_url": FEED_LINK,
           "items": [{"id": it["guid"], "url": it["link"], "title": it["title"], "content_html": f"<p>{it['summary']}</p>",
                      **({"date_published": it['date'] if isinstance(it['date'], str) else rfc3339(it['date'])} if it.get('date') is not None else {})}
                     for it in its]}
    if version == "1.1":
        doc["language"] = "en"
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"

XML = {"rss20": rss20, "rss091": rss091, "rss092": rss092, "rss090": rss090, "rss10": rss10, "atom10": atom10, "atom03": atom03}
ALL = dict(XML, json10=lambda its, **kw: jsonfeed(its, "1", **kw), json11=lambda its, **kw: jsonfeed(its, "1.1", **kw))
FORMAT = {"rss20": "RSS 2.0", "rss091": "RSS 0.91", "rss092": "RSS 0.92", "rss090": "RSS 0.90", "rss10": "RSS 1.0",
          "atom10": "Atom 1.0", "atom03": "Atom 0.3", "json10": "JSON Feed 1.0", "json11": "JSON Feed 1.1"}
HAS_GUID = {"rss20", "rss10", "atom10", "atom03", "json10", "json11"}
HAS_DATE = {"rss20", "rss10", "atom10", "atom03", "json10", "json11", "rss091", "rss092"}

def add(name, fmt, data, its, title=FEED_TITLE, count=None, first_title=None, first_link=None, published="default",
        warning=None, content_type=None, guid="default", location=None):
    path = os.path.join(FILES, name)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    first = its[0] if its else None
    if published == "default":
        published = rfc3339(first["date"]) if first and fmt in HAS_DATE and not isinstance(first.get("date"), str) and first.get("date") else None
    if guid == "default":
        guid = None if not first else (first["guid"] if fmt in HAS_GUID and fmt != "rss10" else (first["link"] if fmt == "rss10" else None))
    expected.append({
        "file": name, "format": FORMAT.get(fmt, ""), "title": title, "count": len(its) if count is None else count,
        "firstTitle": first_title if first_title is not None else (first["title"] if first else None),
        "firstLink": first_link if first_link is not None else (first["link"] if first else None),
        "firstGuid": guid, "firstPublished": published, "warning": warning, "contentType": content_type, "location": location,
    })

shutil.rmtree(FILES, ignore_errors=True)
os.makedirs(FILES)

for fmt, write in ALL.items():
    # Well-formed baseline, a UTF-8 BOM, and non-ASCII text.
    add(f"{fmt}-plain.{ 'json' if fmt.startswith('json') else 'xml'}", fmt, write(items()), items())
    add(f"{fmt}-bom.{ 'json' if fmt.startswith('json') else 'xml'}", fmt, b"\xef\xbb\xbf" + write(items()).encode("utf-8"), items())
    t = "Zürich café: 東京 reçoit «l’été»"
    add(f"{fmt}-unicode.{ 'json' if fmt.startswith('json') else 'xml'}", fmt, write(items(title0=t)), items(title0=t))
    add(f"{fmt}-empty.{ 'json' if fmt.startswith('json') else 'xml'}", fmt, write([]), [])

for fmt, write in XML.items():
    decl8859 = '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
    t = "Café crème à Genève"
    add(f"{fmt}-latin1-declared.xml", fmt, (decl8859 + write(items(title0=t))).encode("latin-1"), items(title0=t))
    # Declared UTF-8, really windows-1252 (curly quotes, euro sign): read as windows-1252 with a warning.
    t = "Prices “rise” 5 € in café"
    add(f"{fmt}-cp1252-declared-utf8.xml", fmt, ('<?xml version="1.0" encoding="utf-8"?>\n' + write(items(title0=t))).encode("cp1252"),
        items(title0=t), warning="not valid UTF-8")
    # No declaration at all, windows-1252 bytes.
    add(f"{fmt}-cp1252-undeclared.xml", fmt, write(items(title0=t)).encode("cp1252"), items(title0=t), warning="not valid UTF-8")
    add(f"{fmt}-utf16.xml", fmt, ('<?xml version="1.0" encoding="utf-16"?>\n' + write(items(title0="Grüße aus Köln"))).encode("utf-16"),
        items(title0="Grüße aus Köln"))
    add(f"{fmt}-charset-header.xml", fmt, write(items(title0="Señor Müller")).encode("latin-1"), items(title0="Señor Müller"),
        content_type="application/rss+xml; charset=iso-8859-1")
    # HTML entities XML does not declare, and bare ampersands.
    its = items(title0="x")
    its[0]["title"] = "Caf&eacute;&nbsp;owners &mdash; a survey"
    add(f"{fmt}-html-entities.xml", fmt, write(its, raw=True), its, first_title="Café owners — a survey", warning="repaired")
    its = items(title0="x")
    its[0]["title"] = "Tom & Jerry & friends"
    add(f"{fmt}-bare-ampersand.xml", fmt, write(its, raw=True), its, first_title="Tom & Jerry & friends", warning="repaired")
    its = items(title0="x")
    its[0]["title"] = "AT&T; merger &unknownentity; talks"
    add(f"{fmt}-unknown-entity.xml", fmt, write(its, raw=True), its, first_title="AT&T; merger &unknownentity; talks", warning="repaired")
    # HTML markup inside a title, unescaped and escaped.
    its = items(title0="x")
    its[0]["title"] = "Breaking: <b>markets</b> <i>fall</i>"
    add(f"{fmt}-html-title.xml", fmt, write(its, raw=True), its, first_title="Breaking: markets fall")
    its = items(title0="x")
    its[0]["title"] = "Breaking: &lt;b&gt;markets&lt;/b&gt; fall"
    add(f"{fmt}-escaped-html-title.xml", fmt, write(its, raw=True), its, first_title="Breaking: markets fall")
    its = items(title0="x")
    its[0]["title"] = "<![CDATA[Quotes & <em>cdata</em> title]]>"
    its[0]["summary"] = "<![CDATA[<p>Para & one</p><script>alert(1)</script><p>Para two</p>]]>"
    add(f"{fmt}-cdata.xml", fmt, write(its, raw=True), its, first_title="Quotes & cdata title")
    # XXE and billion laughs: the DOCTYPE is dropped, nothing is expanded, the feed still reads.
    xxe = '<?xml version="1.0"?>\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'
    its = items()
    its[1]["summary"] = "&xxe;"
    add(f"{fmt}-xxe.xml", fmt, write(its, raw=True, prolog=xxe), its, warning="DOCTYPE ignored")
    lol = '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n' + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10)) + ']>\n'
    its = items()
    its[1]["summary"] = "&lol9;"
    add(f"{fmt}-billion-laughs.xml", fmt, write(its, raw=True, prolog=lol), its, warning="DOCTYPE ignored")
    # Truncated in the middle of the third item: the first two are kept.
    full = write(items())
    cut = full.rfind("<item") if "<item" in full else full.rfind("<entry")
    add(f"{fmt}-truncated.xml", fmt, full[:cut + 12], items()[:2], warning="malformed XML")
    # Control characters that XML forbids.
    its = items(title0="Bell\x07 and \x0bvertical tab")
    add(f"{fmt}-control-chars.xml", fmt, write(its), its, first_title="Bell and vertical tab", warning="control character")

# Non-UTF-8 encodings news outlets publish in, each with a headline in its script. Each is declared three ways: in the
# XML declaration (RSS 2.0), only in the HTTP Content-Type (Atom 1.0), and in both when they agree (RSS 1.0).
ENCODINGS = [
    ("big5", "big5", "台灣新聞：颱風逼近東部海岸"),
    ("euc-kr", "euc-kr", "한국 뉴스: 태풍이 남해안에 접근"),
    ("gb2312", "gb2312", "中国新闻：台风逼近东南沿海"),
    ("gb18030", "gb18030", "中国新闻：台风逼近东南沿海"),
    ("shift_jis", "shift_jis", "日本のニュース：台風が九州に接近"),
    ("euc-jp", "euc-jp", "日本のニュース：台風が九州に接近"),
    ("iso-8859-7", "iso-8859-7", "Ελληνικά νέα: καταιγίδα κλείνει το λιμάνι"),
    ("windows-1251", "cp1251", "Новости России: шторм закрыл гавань"),
    ("koi8-r", "koi8-r", "Новости: шторм закрыл гавань"),
    ("koi8-u", "koi8-u", "Новини України: шторм закрив гавань"),
    ("iso-8859-5", "iso-8859-5", "Новости: шторм закрыл гавань"),
    ("iso-8859-2", "iso-8859-2", "Wiadomości: burza zamyka żeglugę w Gdańsku"),
    ("windows-1250", "cp1250", "Zprávy: bouře uzavřela přístav v Děčíně"),
    ("iso-8859-9", "iso-8859-9", "Haberler: fırtına İzmir limanını kapattı"),
    ("windows-1256", "cp1256", "أخبار: عاصفة تغلق الميناء"),
    ("iso-8859-8", "iso-8859-8", "חדשות: סערה סוגרת את הנמל"),
    ("windows-874", "cp874", "ข่าว: พายุปิดท่าเรือ"),
]
for label, codec, t in ENCODINGS:
    slug = label.replace("_", "-")
    decl = f'<?xml version="1.0" encoding="{label}"?>\n'
    add(f"rss20-encoding-{slug}.xml", "rss20", (decl + rss20(items(title0=t), title=esc(t))).encode(codec), items(title0=t), title=t)
    add(f"atom10-encoding-{slug}-http-only.xml", "atom10", atom10(items(title0=t)).encode(codec), items(title0=t),
        content_type=f"application/atom+xml; charset={label}")
    add(f"rss10-encoding-{slug}-both.xml", "rss10", (decl + rss10(items(title0=t))).encode(codec), items(title0=t),
        content_type=f"application/rss+xml; charset=\"{label.upper()}\"")
# Labels written the way servers do, and evidence that disagrees: the HTTP charset wins, with a warning.
t = "Новости России: шторм закрыл гавань"
add("rss20-encoding-label-cp1251.xml", "rss20", ('<?xml version="1.0" encoding="cp1251"?>\n' + rss20(items(title0=t))).encode("cp1251"),
    items(title0=t))
add("rss20-encoding-http-wins-over-declaration.xml", "rss20", ('<?xml version="1.0" encoding="utf-8"?>\n' + rss20(items(title0=t))).encode("cp1251"),
    items(title0=t), content_type="text/xml; charset=windows-1251", warning="the XML declaration says 'utf-8'")
t = "日本のニュース：台風が九州に接近"
add("rss20-encoding-unknown-label.xml", "rss20", ('<?xml version="1.0" encoding="x-no-such-charset"?>\n' + rss20(items(title0="Storm closes harbour"))).encode("utf-8"),
    items(), warning="unknown encoding 'x-no-such-charset'")
add("rss20-encoding-utf16be-no-bom.xml", "rss20", ('<?xml version="1.0" encoding="utf-16"?>\n' + rss20(items(title0=t))).encode("utf-16-be"),
    items(title0=t))

# Relative links.
its = items()
for i, it in enumerate(its):
    it["link"] = f"/2026/story-{i + 1}"
add("rss20-relative-links.xml", "rss20", rss20(its), its, first_link="https://news.example.org/2026/story-1")
add("rss20-xml-base.xml", "rss20", rss20(its).replace("<channel>", "<channel xml:base=\"https://mirror.example.net/sub/\">"), its,
    first_link="https://mirror.example.net/2026/story-1")
its2 = items()
for i, it in enumerate(its2):
    it["link"] = f"story-{i + 1}.html"
add("atom10-xml-base.xml", "atom10", atom10(its2, feed_attrs=' xml:base="https://news.example.org/world/"'), its2,
    first_link="https://news.example.org/world/story-1.html")
add("atom10-relative-to-location.xml", "atom10", atom10(its2).replace(f'<link href="{FEED_LINK}"/>', ""), its2,
    first_link="https://feeds.example.com/world/story-1.html", location="https://feeds.example.com/world/atom.xml")
add("json11-relative-links.json", "json11", jsonfeed(its2), its2, first_link="https://news.example.org/story-1.html")

# Dates seen in the wild; all mean 2026-11-30T09:15:00Z.
dates = {
    "rfc822-gmt": "Mon, 30 Nov 2026 09:15:00 GMT", "rfc822-offset": "Mon, 30 Nov 2026 10:15:00 +0100",
    "rfc822-est": "Mon, 30 Nov 2026 04:15:00 EST", "rfc822-no-dayname": "30 Nov 2026 09:15:00 GMT",
    "rfc822-wrong-dayname": "Fri, 30 Nov 2026 09:15:00 GMT", "rfc822-full-dayname": "Monday, 30 Nov 2026 09:15:00 +0000",
    "rfc822-two-digit-year": "Mon, 30 Nov 26 09:15:00 GMT", "rfc822-no-seconds": "Mon, 30 Nov 2026 09:15 GMT",
    "rfc822-utc": "Mon, 30 Nov 2026 09:15:00 UTC", "rfc822-single-digit": "Mon, 30 Nov 2026 9:15:00 GMT",
    "rfc822-no-zone": "Mon, 30 Nov 2026 09:15:00", "rfc3339": "2026-11-30T09:15:00Z",
    "rfc3339-offset": "2026-11-30T11:15:00+02:00", "rfc3339-fraction": "2026-11-30T09:15:00.123Z",
    "iso-space": "2026-11-30 09:15:00", "iso-no-zone": "2026-11-30T09:15:00", "rfc822-extra-spaces": "Mon,  30 Nov 2026  09:15:00  GMT",
}
for name, value in dates.items():
    its = items()
    its[0]["date"] = value
    published = "2026-11-30T09:15:00.123Z" if name == "rfc3339-fraction" else "2026-11-30T09:15:00Z"
    add(f"rss20-date-{name}.xml", "rss20", rss20(its), its, published=published)
for name in ["rfc3339", "rfc3339-offset", "rfc3339-fraction", "rfc822-gmt"]:
    its = items()
    its[0]["date"] = dates[name]
    published = "2026-11-30T09:15:00.123Z" if name == "rfc3339-fraction" else "2026-11-30T09:15:00Z"
    add(f"atom10-date-{name}.xml", "atom10", atom10(its), its, published=published)
its = items()
its[0]["date"] = "last Tuesday"
add("rss20-date-garbage.xml", "rss20", rss20(its), its, published=None, warning="unreadable date")
its = items()
its[0]["date"] = None
add("rss20-no-date.xml", "rss20", rss20(its), its, published=None)

# Structure oddities.
its = items()
add("rss20-undeclared-prefix.xml", "rss20", rss20(its, item_extra='<media:content url="https://img.example.org/a.jpg"/>'), its)
add("rss20-content-encoded.xml", "rss20", rss20(its, item_extra='<content:encoded><![CDATA[<p>Full text</p>]]></content:encoded>').replace(
    "<rss ", '<rss xmlns:content="http://purl.org/rss/1.0/modules/content/" '), its)
add("rss20-image-title-not-feed-title.xml", "rss20", rss20(its, channel_extra="<image><title>Logo</title><url>https://x/l.png</url><link>https://x/</link></image>"), its)
add("rss20-atom-self-link.xml", "rss20", rss20(its, channel_extra=f'<atom:link href="{FEED_LINK}rss.xml" rel="self" xmlns:atom="http://www.w3.org/2005/Atom"/>'), its)
permalink = items()
add("rss20-guid-permalink-no-link.xml", "rss20",
    "".join(rss20(permalink)).replace('<guid isPermaLink="false">urn:corpus:story-1</guid>', '<guid>https://news.example.org/p/1</guid>')
    .replace("<link>https://news.example.org/2026/story-1</link>", ""), permalink, first_link="https://news.example.org/p/1",
    guid="https://news.example.org/p/1")
add("atom10-typed-html-title.xml", "atom10", atom10(items()).replace("<title>Storm closes harbour</title>",
    '<title type="html">Storm &lt;b&gt;closes&lt;/b&gt; harbour</title>'), items())
add("atom10-xhtml-title.xml", "atom10", atom10(items()).replace("<title>Storm closes harbour</title>",
    '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Storm <b>closes</b> harbour</div></title>'), items())
add("atom10-enclosure-link-first.xml", "atom10", atom10(items()).replace('<entry><title>Storm closes harbour</title>',
    '<entry><title>Storm closes harbour</title><link rel="enclosure" href="https://cdn.example.org/a.mp3"/>'), items())
add("atom10-prefixed.xml", "atom10", atom10(items()).replace("<feed xmlns=", "<a:feed xmlns:a=").replace("</feed>", "</a:feed>")
    .replace("<entry>", "<a:entry>").replace("</entry>", "</a:entry>").replace("<title>", "<a:title>").replace("</title>", "</a:title>")
    .replace("<link ", "<a:link ").replace("<id>", "<a:id>").replace("</id>", "</a:id>").replace("<published>", "<a:published>")
    .replace("</published>", "</a:published>"), items())
add("rss20-whitespace-around.xml", "rss20", "\n\n   " + rss20(items()), items())
add("rss20-comments-and-pi.xml", "rss20", rss20(items()).replace("<channel>", "<channel><!-- a comment --><?pi data?>"), items())

# JSON Feed oddities.
doc = json.loads(jsonfeed(items()))
doc["items"][0]["id"] = 12345
doc["items"][0].pop("content_html")
doc["items"][0]["content_text"] = "Plain text & more"
add("json11-numeric-id-text-content.json", "json11", json.dumps(doc), items(), guid="12345")
doc = json.loads(jsonfeed(items()))
doc["items"][0]["date_published"] = "2026-11-30T10:15:00+01:00"
add("json11-offset-date.json", "json11", json.dumps(doc), items())
doc = json.loads(jsonfeed(items(), "1"))
doc["items"][0]["external_url"] = doc["items"][0].pop("url")
add("json10-external-url.json", "json10", json.dumps(doc), items())
doc = json.loads(jsonfeed(items()))
add("json11-trailing-comma.json", "json11", json.dumps(doc, indent=1)[:-2] + ",\n}", items())

# Not feeds at all: nothing parsed, a warning.
def nothing(name, data, warning):
    with open(os.path.join(FILES, name), "wb") as f:
        f.write(data.encode("utf-8"))
    expected.append({"file": name, "format": "", "title": "", "count": 0, "firstTitle": None, "firstLink": None, "firstGuid": None,
                     "firstPublished": None, "warning": warning, "contentType": None, "location": None})
nothing("not-a-feed-html.xml", "<html><head><title>Hi</title></head><body>x</body></html>", "not a feed")
nothing("not-a-feed-json.json", '{"hello": "world"}', "not a feed")
nothing("not-a-feed-garbage.xml", "this is not xml at all", "not a feed")
nothing("not-a-feed-broken-json.json", '{"version": "https://jsonfeed.org/version/1.1", "items": [', "malformed JSON")
nothing("empty-file.xml", "", "empty document")

with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
    json.dump(expected, f, ensure_ascii=False, indent=1)
print(len(expected), "files")
