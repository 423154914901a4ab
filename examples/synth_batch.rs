//! Write a folder of generated reports for the page's batch view (its benchmark and its
//! end-to-end test): `cargo run --example synth_batch -- DIR N [SEED]`.
//!
//! The N files come in every shape of `Shape::ALL` and both formats (HTML shapes as
//! `.html`, the rest as `.txt`), each with an agency of its own, so pairing is decided by
//! the files written as pairs only:
//! - every 10th report is followed by the same agency's next year, whose 上年结转 differs
//!   from this year's 结转下年度 in the 自然人 column (a `CROSS-YEAR-CARRY` finding);
//! - every 7th report has a planted error (表三 总计 of 予以公开 off by 1000);
//! - `unreadable.pdf` (not counted in N) is a PDF the readers refuse.
//!
//! Prints one line per file: `name\tagency\tyear\tformat\tshape`.
use nianbao::synth::{Shape, Synth};
use nianbao::{Format, TableId};
use std::path::PathBuf;

const CITIES: [&str; 40] = [
    "青石", "白河", "云岭", "东湖", "北桥", "南岭", "清河", "柳岸", "西江", "金沙", "玉泉", "松江",
    "石门", "桃源", "凤鸣", "龙溪", "丹霞", "碧水", "长宁", "安平", "永和", "福安", "嘉禾", "广宁",
    "新丰", "兴隆", "泰和", "明溪", "江华", "临川", "宜阳", "乐平", "平湖", "高唐", "秀山", "德化",
    "和顺", "宁远", "昌乐", "武宁",
];
const OFFICES: [&str; 25] = [
    "市人民政府",
    "市公安局",
    "市司法局",
    "市自然资源和规划局",
    "市住房和城乡建设局",
    "市教育局",
    "市发展和改革委员会",
    "市财政局",
    "市民政局",
    "市交通运输局",
    "市水利局",
    "市农业农村局",
    "市商务局",
    "市卫生健康委员会",
    "市生态环境局",
    "市应急管理局",
    "市审计局",
    "市统计局",
    "市市场监督管理局",
    "市医疗保障局",
    "市人力资源和社会保障局",
    "市文化和旅游局",
    "市退役军人事务局",
    "市林业局",
    "市城市管理局",
];

fn agency(i: usize) -> String {
    format!(
        "{}{}",
        CITIES[i % CITIES.len()],
        OFFICES[(i / CITIES.len()) % OFFICES.len()]
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1).map(PathBuf::from) else {
        eprintln!("usage: synth_batch DIR N [SEED]");
        std::process::exit(2);
    };
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20);
    let seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
    std::fs::create_dir_all(&dir).expect("create DIR");
    let write = |name: &str, s: &Synth, shape: Shape| {
        std::fs::write(dir.join(name), s.render(shape)).expect("write report");
        println!(
            "{name}\t{}\t{}\t{}\t{}",
            s.agency,
            s.year,
            if s.format == Format::F2019 {
                2019
            } else {
                2021
            },
            shape.name()
        );
    };
    let mut i = 0;
    let mut agency_no = 0;
    while i < n {
        let format = if i % 2 == 0 {
            Format::F2021
        } else {
            Format::F2019
        };
        let shape = Shape::ALL[i % Shape::ALL.len()];
        let mut s = Synth::generate(seed.wrapping_mul(1_000_003) + i as u64, format);
        s.agency = agency(agency_no);
        agency_no += 1;
        if format == Format::F2019 {
            s.year = 2019; // leave room for 2020 (still the 2019 format)
        } else if s.year > 2024 {
            s.year = 2024;
        }
        let planted = i % 7 == 3;
        let report = if planted {
            s.with_cell((TableId::Applications, "granted", "total"), 1000 + i as i64)
        } else {
            s.clone()
        };
        let ext = |shape: Shape| match shape {
            Shape::Html | Shape::WordHtml => "html",
            _ => "txt",
        };
        write(&format!("r{i:04}.{}", ext(shape)), &report, shape);
        i += 1;
        if i % 10 == 1 && i < n {
            // The same agency's next year, its carry-over off by 3 in the 自然人 column.
            let a = TableId::Applications;
            let natural = s
                .get(a, "carried_forward", "natural_person")
                .and_then(|v| v.value())
                .unwrap_or(0.0) as i64;
            let altered = s.with_cell((a, "carried_forward", "natural_person"), natural + 3);
            let next = altered.next_year(seed ^ (i as u64) << 8);
            let shape = Shape::ALL[(i + 3) % Shape::ALL.len()];
            write(&format!("r{i:04}.{}", ext(shape)), &next, shape);
            i += 1;
        }
    }
    std::fs::write(
        dir.join("unreadable.pdf"),
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
    )
    .expect("write pdf");
    println!("unreadable.pdf\t\t\t\tpdf");
}
