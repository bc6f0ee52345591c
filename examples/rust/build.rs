// Links libcsikit_c found by `pkg-config csikit_c` (PKG_CONFIG_PATH), standard library only.
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    let out = Command::new("pkg-config")
        .args(["--variable=libdir", "csikit_c"])
        .output()
        .expect("pkg-config is needed to find csikit_c");
    if !out.status.success() {
        panic!("pkg-config csikit_c: {}", String::from_utf8_lossy(&out.stderr));
    }
    let libdir = String::from_utf8(out.stdout).unwrap().trim().to_string();
    println!("cargo:rustc-link-search=native={libdir}");
    println!("cargo:rustc-link-lib=dylib=csikit_c");
    println!("cargo:rustc-link-arg=-Wl,-rpath,{libdir}");
}
