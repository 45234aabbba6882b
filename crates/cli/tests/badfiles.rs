//! Issue #17, item 2: a batch of bad files. Over a hundred malformed inputs, all made here
//! (nothing downloaded, nothing third-party), are ingested in ONE run mixed with good files:
//! every bad file gets exactly one line naming it and the true reason, every good file's
//! articles are in the corpus, the exit status is 2 (some files failed), and the peak memory
//! of the run stays under [`PEAK_BOUND_MIB`].
//!
//! This test is alone in its binary: the peak memory is read with `getrusage(RUSAGE_CHILDREN)`,
//! which covers every child this process has waited for.
#![cfg(all(unix, feature = "pdf"))]

mod util;

use std::io::Write as _;

use cuttings_pdf::write::{from_objects, stream_object, Font, PdfWriter};
use util::Dir;

/// The bound on the peak resident memory of the batch's `cuttings ingest` (the README states
/// it). Measured at about 240 MiB on a 2-core machine in a debug build (a 64 MiB decompression
/// bomb inflated up to its limit, on each of two workers, is most of it).
const PEAK_BOUND_MIB: u64 = 1024;

/// One bad input: its name under `in/`, and a word or phrase its line must hold.
struct Bad {
    name: String,
    reason: &'static str,
}

/// The inputs, made under `in/` of `dir`.
struct Batch<'a> {
    dir: &'a Dir,
    bad: Vec<Bad>,
    good: Vec<String>,
}

impl Batch<'_> {
    fn bad(&mut self, name: &str, bytes: &[u8], reason: &'static str) {
        self.dir.create(&format!("in/{name}"), bytes);
        self.mark(name, reason);
    }

    /// Records a bad input made some other way (a link, a FIFO).
    fn mark(&mut self, name: &str, reason: &'static str) {
        assert!(
            self.bad.iter().all(|b| b.name != name),
            "two inputs named {name}"
        );
        self.bad.push(Bad {
            name: name.to_string(),
            reason,
        });
    }

    fn good(&mut self, name: &str, bytes: &[u8]) {
        self.dir.create(&format!("in/{name}"), bytes);
        self.good.push(name.to_string());
    }
}

/// Bytes that look random (xorshift), the same on every run.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// `n` bytes of `byte`, zlib-compressed, without holding them all.
fn deflated_run(byte: u8, n: usize) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![byte; 1 << 20];
    let mut left = n;
    while left > 0 {
        let k = left.min(chunk.len());
        z.write_all(&chunk[..k]).unwrap();
        left -= k;
    }
    z.finish().unwrap()
}

/// A one-page PDF whose content stream is `content`, deflated.
fn deflated_page(packed: &[u8]) -> Vec<u8> {
    from_objects(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
           /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        stream_object("/Filter /FlateDecode", packed),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ])
}

fn text_pdf(lines: &[&str]) -> Vec<u8> {
    let mut w = PdfWriter::new(595.0, 842.0);
    w.page();
    for (i, l) in lines.iter().enumerate() {
        w.text(50.0, 80.0 + 14.0 * i as f32, Font::Times, 10.0, l);
    }
    w.finish()
}

fn empty_and_binary(b: &mut Batch) {
    for name in ["zero.txt", "zero.html", "zero.pdf", "zero.jsonl", "zero"] {
        b.bad(name, b"", "empty");
    }
    b.bad("blank.txt", b"  \n\n\t \r\n", "empty file");
    b.bad("blank.htm", b"\n\n   \n", "empty page");
    for seed in 0..20u64 {
        let ext = ["txt", "bin", "doc", "dat"][seed as usize % 4];
        let bytes = noise(seed, 512 + 1000 * seed as usize);
        b.bad(&format!("noise-{seed}.{ext}"), &bytes, "binary data");
    }
    let mut elf = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00".to_vec();
    elf.extend(noise(99, 4000));
    b.bad("program.txt", &elf, "binary data");
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend(noise(98, 3000));
    b.bad("picture.txt", &png, "binary data");
    b.bad("picture.html", &png, "binary data, not a web page");
    let mut jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00".to_vec();
    jpeg.extend(noise(97, 3000));
    b.bad("photo.htm", &jpeg, "not a web page");
    b.bad("noise.txt", b"\xa7", "too short");
    b.bad("nul-text.txt", b"Harbour dues\0rise\0again\0", "NUL bytes");
}

fn wrong_encodings(b: &mut Batch) {
    // A byte-order mark, then a lone surrogate: not UTF-16 at all.
    let mut le = b"\xff\xfe".to_vec();
    for u in "Harbour dues rise".encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
    }
    le.extend_from_slice(&0xd800u16.to_le_bytes());
    le.extend_from_slice(&u16::from(b'x').to_le_bytes());
    b.bad("utf16le-bad.txt", &le, "invalid UTF-16LE");
    let mut be = b"\xfe\xff".to_vec();
    for u in "Ferries stay in port".encode_utf16() {
        be.extend_from_slice(&u.to_be_bytes());
    }
    be.extend_from_slice(&0xdc00u16.to_be_bytes());
    be.extend_from_slice(&u16::from(b'x').to_be_bytes());
    b.bad("utf16be-bad.txt", &be, "invalid UTF-16BE");
    // UTF-32 is not read: as UTF-16 it is full of NULs.
    let mut utf32 = b"\xff\xfe\x00\x00".to_vec();
    for c in "The council voted on Tuesday.".chars() {
        utf32.extend_from_slice(&u32::from(c).to_le_bytes());
    }
    b.bad("utf32.txt", &utf32, "binary data");
    let utf32be: Vec<u8> = "The council voted on Tuesday."
        .chars()
        .flat_map(|c| u32::from(c).to_be_bytes())
        .collect();
    b.bad("utf32be.txt", &utf32be, "binary data");
    // UTF-16 without a mark and cut to an odd length.
    let mut odd: Vec<u8> = "Harbour dues rise in spring"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    odd.push(b'x');
    b.bad("utf16-odd.txt", &odd, "binary data");
}

fn huge(b: &mut Batch) {
    for name in ["huge.txt", "huge.pdf"] {
        let path = b.dir.path().join("in").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // 300 MB, sparse: it takes no disk.
        let f = std::fs::File::create(&path).unwrap();
        f.set_len(300_000_000).unwrap();
        b.mark(name, "larger than the limit of 256 MiB (--max-file-size)");
    }
}

fn broken_pdfs(b: &mut Batch) {
    let sample = std::fs::read(util::workspace().join("samples/rail-freight-2022-05.pdf")).unwrap();
    // Cut later, the pages are all there and the file is read.
    for pct in [5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60] {
        let cut = &sample[..sample.len() * pct / 100];
        b.bad(&format!("cut-{pct}.pdf"), cut, "truncated/damaged pdf");
    }
    b.bad("header-only.pdf", b"%PDF-1.7\n", "truncated/damaged pdf");
    let mut junk = b"%PDF-1.4\n".to_vec();
    junk.extend(noise(7, 5000));
    junk.extend_from_slice(b"\n%%EOF\n");
    b.bad("junk.pdf", &junk, "broken pdf");
    // The cross-reference table points nowhere and the objects are gone.
    b.bad(
        "bad-xref.pdf",
        b"%PDF-1.4\nxref\n0 3\n0000000000 65535 f \n0000099999 00000 n \n0000088888 00000 n \n\
          trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n9\n%%EOF\n",
        "broken pdf",
    );
    // Objects packed under a filter the guard does not unpack.
    let lzw = from_objects(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec(),
        stream_object(
            "/Type /ObjStm /N 1 /First 4 /Filter /LZWDecode",
            &noise(8, 300),
        ),
    ]);
    b.bad("lzw-objects.pdf", &lzw, "cannot be checked");
    for i in 0..3 {
        let mut w = PdfWriter::new(595.0, 842.0);
        w.text(
            50.0,
            80.0,
            Font::Times,
            10.0,
            &format!("A secret page {i}."),
        );
        w.encrypted();
        b.bad(&format!("locked-{i}.pdf"), &w.finish(), "encrypted pdf");
    }
    for i in 0..2 {
        let mut w = PdfWriter::new(595.0, 842.0);
        w.rect(50.0, 50.0, 400.0 + 10.0 * i as f32, 600.0);
        b.bad(&format!("scan-{i}.pdf"), &w.finish(), "no text layer");
    }
    let mut w = PdfWriter::new(200.0, 200.0);
    for _ in 0..2001 {
        w.page();
        w.text(20.0, 20.0, Font::Times, 10.0, "Page.");
    }
    b.bad("long.pdf", &w.finish(), "(--max-pages)");
}

fn nesting(b: &mut Batch) {
    for kind in ["dict", "array", "content"] {
        for depth in [300, 1_000, 10_000, 100_000] {
            let name = format!("deep-{kind}-{depth}.pdf");
            b.bad(
                &name,
                &cuttings_pdf::write::nested_page(kind, depth),
                "deeper than 256 levels",
            );
        }
    }
    // A page tree whose /Kids nest 100,000 levels through references, and one that loops.
    let depth = 100_000;
    let mut objects = vec![b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()];
    for i in 0..depth {
        objects.push(format!("<< /Type /Pages /Kids [{} 0 R] /Count 2 >>", i + 3).into_bytes());
    }
    objects.push(b"<< /Type /Page /MediaBox [0 0 595 842] >>".to_vec());
    b.bad(
        "deep-tree.pdf",
        &from_objects(&objects),
        "page tree or chain of references deeper than 256 levels",
    );
    // A chain of 100,000 objects that are only a reference to the next.
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
    ];
    for i in 0..100_000 {
        objects.push(format!("{} 0 R", i + 5).into_bytes());
    }
    objects.push(stream_object("", b"BT /F1 10 Tf 50 700 Td (End.) Tj ET"));
    b.bad(
        "deep-refs.pdf",
        &from_objects(&objects),
        "chain of references deeper",
    );
    let looping = from_objects(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 2 >>".to_vec(),
        b"<< /Type /Pages /Kids [2 0 R] /Count 2 /Parent 2 0 R >>".to_vec(),
    ]);
    b.bad("loop-tree.pdf", &looping, "loops back on itself");
}

fn bombs(b: &mut Batch) {
    let limit = 64 << 20;
    for (i, byte) in [b' ', b'q'].into_iter().enumerate() {
        let packed = deflated_run(byte, limit + (1 << 20) * (i + 1));
        b.bad(
            &format!("bomb-{i}.pdf"),
            &deflated_page(&packed),
            "decompression bomb",
        );
    }
    // The bomb in an object stream.
    let packed = deflated_run(b' ', limit + 1);
    let bomb = from_objects(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec(),
        stream_object("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", &packed),
    ]);
    b.bad("bomb-objstm.pdf", &bomb, "decompression bomb");
}

/// A zip archive of one member `name` with `data` stored deflated, declaring `size` bytes.
fn zip(name: &str, packed: &[u8], size: u32) -> Vec<u8> {
    let mut z = Vec::new();
    let header = |z: &mut Vec<u8>, magic: &[u8]| {
        z.extend_from_slice(magic);
        z.extend_from_slice(&[20, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
        z.extend_from_slice(&0u32.to_le_bytes());
        z.extend_from_slice(&(packed.len() as u32).to_le_bytes());
        z.extend_from_slice(&size.to_le_bytes());
        z.extend_from_slice(&(name.len() as u16).to_le_bytes());
        z.extend_from_slice(&0u16.to_le_bytes());
    };
    header(&mut z, b"PK\x03\x04");
    z.extend_from_slice(name.as_bytes());
    z.extend_from_slice(packed);
    let central = z.len();
    header(&mut z, b"PK\x01\x02\x14\x00");
    z.extend_from_slice(&[0u8; 12]);
    z.extend_from_slice(name.as_bytes());
    let end = z.len();
    z.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00");
    z.extend_from_slice(&((end - central) as u32).to_le_bytes());
    z.extend_from_slice(&(central as u32).to_le_bytes());
    z.extend_from_slice(&0u16.to_le_bytes());
    z
}

fn gzip(data_len: usize) -> Vec<u8> {
    let mut g = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 1 << 20];
    let mut left = data_len;
    while left > 0 {
        let k = left.min(chunk.len());
        g.write_all(&chunk[..k]).unwrap();
        left -= k;
    }
    g.finish().unwrap()
}

fn archives(b: &mut Batch) {
    // Raw deflate of 16 MiB of zeros, declared as 4 GB: a zip bomb's member.
    let zeros = {
        let mut d = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        d.write_all(&vec![0u8; 16 << 20]).unwrap();
        d.finish().unwrap()
    };
    b.bad(
        "bomb.zip",
        &zip("zeros.txt", &zeros, u32::MAX),
        "zip archive",
    );
    b.bad(
        "digest.txt",
        &zip("digest.txt", &zeros, 16 << 20),
        "zip archive",
    );
    b.bad(
        "report.docx",
        &zip("word/document.xml", b"x", 1),
        "zip archive",
    );
    b.bad(
        "empty.zip",
        b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
        "zip archive",
    );
    let bomb = gzip(32 << 20);
    b.bad("bomb.gz", &bomb, "gzip");
    b.bad("digest.txt.gz", &gzip(1 << 20), "gzip");
    b.bad("page.html", &bomb, "gzip");
    b.bad(
        "nested.gz",
        &{
            let mut g = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            g.write_all(&bomb).unwrap();
            g.finish().unwrap()
        },
        "gzip",
    );
    let mut bz = b"BZh91AY&SY".to_vec();
    bz.extend(noise(11, 200));
    b.bad("digest.bz2", &bz, "bzip2");
    let mut xz = b"\xfd7zXZ\x00\x00\x04".to_vec();
    xz.extend(noise(12, 200));
    b.bad("digest.xz", &xz, "xz");
    let mut sz = b"7z\xbc\xaf\x27\x1c\x00\x04".to_vec();
    sz.extend(noise(13, 200));
    b.bad("digests.7z", &sz, "7z archive");
    let mut rar = b"Rar!\x1a\x07\x01\x00".to_vec();
    rar.extend(noise(14, 200));
    b.bad("digests.rar", &rar, "rar archive");
    let mut zst = b"\x28\xb5\x2f\xfd".to_vec();
    zst.extend(noise(15, 200));
    b.bad("digest.zst", &zst, "zstd");
    let mut tar = vec![0u8; 1024];
    tar[..10].copy_from_slice(b"digest.txt");
    tar[257..263].copy_from_slice(b"ustar\0");
    tar.extend_from_slice(b"Harbour dues rise\n");
    b.bad("digests.tar", &tar, "tar archive");
}

fn web_pages(b: &mut Batch) {
    for (i, tag) in ["p", "i"].into_iter().enumerate() {
        let page = format!(
            "<html><body>{}</body></html>",
            format!("<{tag}>x</{tag}>").repeat(500_001 + i)
        );
        b.bad(
            &format!("many-{tag}.html"),
            page.as_bytes(),
            "(--max-html-nodes)",
        );
    }
    b.bad(
        "saved.mhtml",
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n\
          Content-Type: image/png\r\n\r\nxyz\r\n--b--\r\n",
        "without an HTML part",
    );
}

fn links_and_fifos(b: &mut Batch) {
    let dir = b.dir.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::symlink("self-loop.txt", dir.join("self-loop.txt")).unwrap();
    std::os::unix::fs::symlink("loop-b.txt", dir.join("loop-a.txt")).unwrap();
    std::os::unix::fs::symlink("loop-a.txt", dir.join("loop-b.txt")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", dir.join("dangling.txt")).unwrap();
    for name in ["self-loop.txt", "loop-a.txt", "loop-b.txt", "dangling.txt"] {
        b.mark(name, "broken or looping symbolic link");
    }
    for name in ["fifo-1.txt", "fifo-2.pdf"] {
        let path = std::ffi::CString::new(dir.join(name).as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: `path` is a valid NUL-terminated string that outlives the call.
        let made = unsafe { libc::mkfifo(path.as_ptr(), 0o644) };
        assert_eq!(made, 0, "mkfifo {name}");
        b.mark(name, "not a regular file");
    }
}

/// A text dump of a digest: a masthead, then articles with a headline, a dateline and a body.
fn digest(n: usize) -> String {
    let mut s = format!("THE HARBOUR REVIEW {n}\n\n");
    for a in 0..3 {
        s.push_str(&format!(
            "Harbour board number {n} agrees dredging plan {a}\n\nPortby Courier, March {}, 2019\n\n",
            a + 3
        ));
        for p in 0..3 {
            s.push_str(&format!(
                "The harbour board of district {n} met on Monday and agreed, after a long debate \
                 about item {a} and point {p}, that the outer channel would be dredged before \
                 the autumn storms, at a cost the council will share with the ferry operators.\n\n"
            ));
        }
    }
    s
}

fn good_files(b: &mut Batch) {
    for name in [
        "alpine-affairs-2020-11.seedlike.txt",
        "coastal-energy-2019-03.txt",
        "inland-waterways-2021-08.layout.txt",
        "rail-freight-2022-05.pdf",
    ] {
        let bytes = std::fs::read(util::workspace().join("samples").join(name)).unwrap();
        b.good(name, &bytes);
    }
    for n in 0..3 {
        b.good(&format!("digest-{n}.txt"), digest(n).as_bytes());
    }
    for n in 0..2 {
        let page = format!(
            "<html lang=\"en\"><head><title>Ferries stay in port {n}</title></head><body>\
             <article><h1>Ferries stay in port {n}</h1><p>The ferries that cross the estuary \
             stayed in port on Friday, as the wind rose over the headland number {n}.</p>\
             <p>Harbour staff said crossings would resume, weather permitting, on Saturday \
             morning, and that the timetable would be kept.</p></article></body></html>"
        );
        b.good(&format!("ferries-{n}.html"), page.as_bytes());
    }
    // A JSON line with a value nested 100,000 deep under a key that is not read is read.
    let deep = format!(
        "{{\"junk\": {}{}, \"title\": \"Harbour dues rise\", \"body\": \"The council voted \
         on Tuesday to raise the harbour dues from spring.\"}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    b.good("deep-junk.jsonl", deep.as_bytes());
    // A page nested 100,000 deep is read (deeper elements are flattened), not refused.
    let deep = format!(
        "<html><body>{}<p>The ferries that cross the estuary stayed in port on Friday, as the \
         wind rose and the harbour master closed the outer channel to shipping.</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    b.good("deep-divs.html", deep.as_bytes());
    b.good(
        "pdf-text.pdf",
        &text_pdf(&[
            "Ferry services resume after the storm",
            "The ferries that cross the estuary sailed again on Saturday morning after two days",
            "in port, the operator said, and the timetable will be kept for the rest of the week.",
        ]),
    );
}

/// The peak resident memory of the children waited for so far, in MiB.
fn children_peak_mib() -> u64 {
    // SAFETY: getrusage writes into the zeroed struct we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(rc, 0);
    // Linux reports kilobytes.
    usage.ru_maxrss as u64 / 1024
}

#[test]
fn issue17_a_batch_of_bad_files_is_reported_file_by_file() {
    let dir = Dir::new();
    let mut batch = Batch {
        dir: &dir,
        bad: Vec::new(),
        good: Vec::new(),
    };
    empty_and_binary(&mut batch);
    wrong_encodings(&mut batch);
    huge(&mut batch);
    broken_pdfs(&mut batch);
    nesting(&mut batch);
    bombs(&mut batch);
    archives(&mut batch);
    web_pages(&mut batch);
    links_and_fifos(&mut batch);
    good_files(&mut batch);
    assert!(batch.bad.len() >= 100, "{} bad files", batch.bad.len());

    let start = std::time::Instant::now();
    let out = dir
        .command(&["--corpus", "c", "ingest", "--quiet", "in"])
        .output()
        .unwrap();
    let took = start.elapsed();
    let peak = children_peak_mib();
    let stderr = String::from_utf8(out.stderr).unwrap();
    eprintln!(
        "{} bad and {} good files: {:.1} s, peak memory {peak} MiB",
        batch.bad.len(),
        batch.good.len(),
        took.as_secs_f64()
    );
    assert_eq!(out.status.code(), Some(2), "{stderr}");

    let mut unexplained: Vec<&str> = stderr.lines().collect();
    for bad in &batch.bad {
        let tag = format!("in/{}:", bad.name);
        let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(&tag)).collect();
        assert_eq!(lines.len(), 1, "{}: {lines:#?}\n{stderr}", bad.name);
        assert!(
            lines[0].contains(bad.reason),
            "{}: expected {:?} in {:?}",
            bad.name,
            bad.reason,
            lines[0]
        );
        unexplained.retain(|l| !l.contains(&tag));
    }
    assert!(
        unexplained.is_empty(),
        "lines about no bad file: {unexplained:#?}"
    );

    let articles = dir.articles(&["--corpus", "c"]);
    for good in &batch.good {
        let path = format!("in/{good}");
        assert!(
            articles.iter().any(|a| a.source.path == path),
            "no article from {good}"
        );
    }
    for bad in &batch.bad {
        let path = format!("in/{}", bad.name);
        let from_bad = articles.iter().filter(|a| a.source.path == path).count();
        assert_eq!(from_bad, 0, "articles from {}", bad.name);
    }
    assert!(
        peak < PEAK_BOUND_MIB,
        "peak memory {peak} MiB, over the bound of {PEAK_BOUND_MIB} MiB"
    );
}
