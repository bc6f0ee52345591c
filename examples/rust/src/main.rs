//! csikit from Rust through the C ABI (no crates): load a survey, read the answers, estimate
//! the PLS path model, print the paths, bootstrap, and show an error as a Rust `Result`.
//!
//!     PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig cargo run -- schema.json answers.csv
use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::ptr;

#[repr(C)]
struct Survey(c_void);
#[repr(C)]
struct Data(c_void);
#[repr(C)]
struct Fit(c_void);
#[repr(C)]
struct Boot(c_void);

/// csikit_bootstrap_options, field for field (csikit.h): _init writes struct_size of them.
#[repr(C)]
struct BootstrapOptions {
    struct_size: u32,
    resamples: usize,
    seed: u64,
    threads: u32,
    confidence: f64,
    bca: c_int,
    progress: Option<extern "C" fn(usize, usize, *mut c_void) -> c_int>,
    user_data: *mut c_void,
    drop_inadmissible: c_int,
    indices: c_int,
    jackknife_max: usize,
    max_failed_share: f64,
}

/// csikit_boot_parameter (the caller sets struct_size).
#[repr(C)]
struct BootParameter {
    struct_size: u32,
    kind: c_int,
    label: *const c_char,
    estimate: f64,
    mean: f64,
    bias: f64,
    se: f64,
    t: f64,
    p: f64,
    ci_low: f64,
    ci_high: f64,
    bca_low: f64,
    bca_high: f64,
}

const FIT_CONSTRUCTS: c_int = 0;
const PATHS: c_int = 0;
const PARAM_PATH: c_int = 2;

extern "C" {
    fn csikit_version() -> *const c_char;
    fn csikit_last_error() -> *const c_char;
    fn csikit_status_string(status: c_int) -> *const c_char;
    fn csikit_survey_load(path: *const c_char, out: *mut *mut Survey) -> c_int;
    fn csikit_survey_from_json(text: *const c_char, out: *mut *mut Survey) -> c_int;
    fn csikit_survey_free(s: *mut Survey);
    fn csikit_data_read_csv(s: *const Survey, path: *const c_char, out: *mut *mut Data) -> c_int;
    fn csikit_data_free(d: *mut Data);
    fn csikit_estimate(d: *const Data, options: *const c_void, out: *mut *mut Fit) -> c_int;
    fn csikit_fit_free(f: *mut Fit);
    fn csikit_fit_count(f: *const Fit, list: c_int, count: *mut usize) -> c_int;
    fn csikit_fit_id(f: *const Fit, list: c_int, index: usize, id: *mut *const c_char) -> c_int;
    fn csikit_fit_values(f: *const Fit, q: c_int, out: *mut f64, capacity: usize, size: *mut usize,
                         rows: *mut usize, cols: *mut usize) -> c_int;
    fn csikit_bootstrap_options_init(o: *mut BootstrapOptions) -> c_int;
    fn csikit_bootstrap(f: *const Fit, o: *const BootstrapOptions, out: *mut *mut Boot) -> c_int;
    fn csikit_boot_free(b: *mut Boot);
    fn csikit_boot_find(b: *const Boot, kind: c_int, a: *const c_char, bb: *const c_char,
                        out: *mut BootParameter) -> c_int;
}

/// A failed call: csikit's status name and message (read on the thread that failed).
#[derive(Debug)]
struct Error(String);

fn check(status: c_int) -> Result<(), Error> {
    if status == 0 {
        return Ok(());
    }
    unsafe {
        let msg = CStr::from_ptr(csikit_last_error()).to_string_lossy();
        let name = CStr::from_ptr(csikit_status_string(status)).to_string_lossy();
        Err(Error(format!("{msg} ({name})")))
    }
}

/// Owners that free their handle on drop, in any order (handles keep what they need).
struct Own<T>(*mut T, unsafe extern "C" fn(*mut T));
impl<T> Drop for Own<T> {
    fn drop(&mut self) {
        unsafe { (self.1)(self.0) }
    }
}

fn run(schema: &str, answers: &str) -> Result<(), Error> {
    let cs = CString::new(schema).unwrap();
    let cd = CString::new(answers).unwrap();
    unsafe {
        let mut s = ptr::null_mut();
        check(csikit_survey_load(cs.as_ptr(), &mut s))?;
        let survey = Own(s, csikit_survey_free);
        let mut d = ptr::null_mut();
        check(csikit_data_read_csv(survey.0, cd.as_ptr(), &mut d))?;
        let data = Own(d, csikit_data_free);
        let mut f = ptr::null_mut();
        check(csikit_estimate(data.0, ptr::null(), &mut f))?; // NULL: default options
        let fit = Own(f, csikit_fit_free);

        let mut j = 0usize;
        check(csikit_fit_count(fit.0, FIT_CONSTRUCTS, &mut j))?;
        let mut paths = vec![0.0f64; j * j]; // J x J, row-major, [to, from]
        let mut size = 0usize;
        check(csikit_fit_values(fit.0, PATHS, paths.as_mut_ptr(), paths.len(), &mut size,
                                ptr::null_mut(), ptr::null_mut()))?;
        let name = |i: usize| {
            let mut id = ptr::null();
            csikit_fit_id(fit.0, FIT_CONSTRUCTS, i, &mut id); // borrowed from the fit
            CStr::from_ptr(id).to_string_lossy().into_owned()
        };
        println!("csikit {}", CStr::from_ptr(csikit_version()).to_string_lossy());
        for from in 0..j {
            for to in 0..j {
                let v = paths[to * j + from];
                if v != 0.0 {
                    println!("{:<6} -> {:<6} {:7.3}", name(from), name(to), v);
                }
            }
        }

        let mut o: BootstrapOptions = std::mem::zeroed();
        check(csikit_bootstrap_options_init(&mut o))?;
        o.resamples = 500;
        o.seed = 1;
        o.threads = 2;
        let mut b = ptr::null_mut();
        check(csikit_bootstrap(fit.0, &o, &mut b))?;
        let boot = Own(b, csikit_boot_free);
        let mut p: BootParameter = std::mem::zeroed();
        p.struct_size = std::mem::size_of::<BootParameter>() as u32;
        let (a, bb) = (CString::new("IMAG").unwrap(), CString::new("CUEX").unwrap());
        check(csikit_boot_find(boot.0, PARAM_PATH, a.as_ptr(), bb.as_ptr(), &mut p))?;
        println!("bootstrap IMAG -> CUEX: se {:.3}, 95% CI [{:.3}, {:.3}]", p.se, p.ci_low, p.ci_high);

        // A failure is a Result carrying csikit's message.
        let bad = CString::new(r#"{"name": "x", "scales": []"#).unwrap();
        let mut none = ptr::null_mut();
        if let Err(e) = check(csikit_survey_from_json(bad.as_ptr(), &mut none)) {
            println!("error as expected: {}", e.0);
        }
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: csikit-quickstart schema.json answers.csv");
        std::process::exit(2);
    }
    if let Err(e) = run(&args[1], &args[2]) {
        eprintln!("csikit: {}", e.0);
        std::process::exit(1);
    }
}
