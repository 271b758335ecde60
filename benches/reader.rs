//! Reader benchmarks: load + segment a 3.3 MB report, wrap it, and the cost
//! of one frame (TestBackend 200x50) at several scroll positions.
//! Run: `cargo bench --bench reader`. Figures go in docs/PERFORMANCE.md.

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use diptych::app::pane::Wrapped;
use diptych::app::{App, Msg};
use diptych::document::{Document, Source};
use diptych::keymap::Keymap;
use diptych::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const WAR_AND_PEACE: &str = "../shared/corpus/war-and-peace-maude.txt";

fn corpus() -> Option<Vec<u8>> {
    match std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(WAR_AND_PEACE)) {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            eprintln!("skipping: cannot read {WAR_AND_PEACE}: {e}");
            None
        }
    }
}

fn load_and_segment(c: &mut Criterion) {
    let Some(bytes) = corpus() else { return };
    let mut group = c.benchmark_group("load");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(20);
    group.bench_function("war_and_peace_decode_normalise_segment", |b| {
        b.iter(|| Document::from_bytes(Source::Embedded("wp"), black_box(&bytes)).unwrap())
    });
    let doc = Document::from_bytes(Source::Embedded("wp"), &bytes).unwrap();
    group.bench_function("war_and_peace_segment_only", |b| {
        b.iter(|| diptych::document::segment::segment(black_box(&doc.text)))
    });
    group.bench_function("war_and_peace_wrap_width_90", |b| {
        b.iter(|| Wrapped::build(black_box(&doc), 90))
    });
    group.finish();
}

fn frame(c: &mut Criterion) {
    let Some(bytes) = corpus() else { return };
    let doc = Document::from_bytes(Source::Embedded("wp"), &bytes).unwrap();
    let mut app = App::new(doc.clone(), doc, Keymap::default());
    let (width, height) = (200, 50);
    app.update(Msg::Resize { width, height });
    let theme = Theme::default();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let rows = app.panes[0].wrapped.lines.len();
    let mut group = c.benchmark_group("frame_200x50");
    for percent in [0usize, 50, 99] {
        app.panes[0].top = rows * percent / 100;
        app.panes[1].top = rows * percent / 100;
        group.bench_with_input(BenchmarkId::new("at_percent", percent), &percent, |b, _| {
            b.iter(|| {
                terminal
                    .draw(|f| diptych::ui::draw(f, black_box(&app), &theme))
                    .unwrap();
            })
        });
    }
    group.finish();
}

criterion_group!(benches, load_and_segment, frame);
criterion_main!(benches);
