//! How long reading the scale benchmark's 100x pair takes natively, in the
//! release profile: the text parsed into JSON, then read into records and
//! indexed. BENCHMARKS.md's native decode figures come from it.
//!
//!   scripts/bench.sh ...   # writes target/bench/data
//!   cargo run --release --example decode_time

use std::error::Error;
use std::time::{Duration, Instant};

use trellis::storage::codec::{pair_from_value, parse_text};

fn main() -> Result<(), Box<dyn Error>> {
    let data = "target/bench/data/100x";
    let read = |name: &str| -> Result<serde_json::Value, Box<dyn Error>> {
        Ok(serde_json::from_str(&std::fs::read_to_string(format!(
            "{data}/{name}"
        ))?)?)
    };
    let (about, storage) = (read("about.json")?, read("storage.json")?);
    let pair = about["pair"].as_str().ok_or("about.json names no pair")?;
    let text = storage[format!("trellis/pair/{pair}")]
        .as_str()
        .ok_or("storage.json holds no such pair")?;
    let (mut parsing, mut reading) = (Vec::new(), Vec::new());
    let mut records = 0;
    for _ in 0..15 {
        let start = Instant::now();
        let value = parse_text(text)?;
        parsing.push(start.elapsed());
        let start = Instant::now();
        let pair = pair_from_value(&value)?;
        drop(value);
        reading.push(start.elapsed());
        records = pair.len();
    }
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    println!(
        "{} B, {records} records: parse {:?}, records and index {:?} (medians of 15)",
        text.len(),
        median(&mut parsing),
        median(&mut reading),
    );
    Ok(())
}
