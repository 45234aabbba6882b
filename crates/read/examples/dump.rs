//! Prints the layout of a text dump, one line per output line: `p1 c0 gap fw +2 |text`.
//!
//! Usage: `cargo run -p cuttings-read --example dump -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump FILE");
        std::process::exit(2);
    };
    let source = match cuttings_read::read_file(path.as_ref(), cuttings_read::DEFAULT_MAX_BYTES) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dump: {e}");
            std::process::exit(2);
        }
    };
    let layout = cuttings_read::layout(&source);
    println!("flavor {}", layout.flavor.map_or("none", |f| f.as_str()));
    for p in &layout.pages {
        println!("page {} columns {}", p.number, p.columns);
    }
    for l in &layout.lines {
        println!(
            "p{} c{} {} {} +{} |{}",
            l.page,
            l.column,
            if l.gap_before { "gap" } else { "   " },
            if l.full_width { "fw" } else { "  " },
            l.indent,
            source.slice(l.span)
        );
    }
}
