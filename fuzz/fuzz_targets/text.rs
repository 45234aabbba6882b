#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| cuttings_fuzz::text(data));
