;; An invalid module, to show an error: i32.add given an f64.
;; (scripts/samples assembles it without wat2wasm's own check.)
(module
  (func $mix (export "mix") (param $x f64) (result i32)
    (i32.add (local.get $x) (i32.const 1))))
