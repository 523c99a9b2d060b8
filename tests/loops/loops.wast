;; Counted loops that sandc writes twice (transpiler/loops.c): an unchecked
;; copy, taken when a test on entry finds every access in bounds, and the
;; loop as written.  Each function is run where the test passes and where it
;; fails, and the results and traps must be the same as ever.

(module
  (memory 1)

  ;; i32 elements p[0..n) summed upwards: stride 4
  (func (export "sum") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                        (local.get $n))))
    (local.get $s))

  ;; the same downwards, the count tested for zero: stride -4
  (func (export "sum_down") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (loop $l
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))))
      (br_if $l (local.get $n)))
    (local.get $s))

  ;; p[i] = v for i in [0, n): the stores before an out-of-bounds one stay
  (func (export "fill") (param $p i32) (param $n i32) (param $v i32)
    (local $i i32)
    (loop $l
      (i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2)))
                 (local.get $v))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                        (local.get $n)))))

  ;; a pointer and a count, each an induction variable; an offset
  (func (export "fill_ptr") (param $p i32) (param $n i32) (param $v i64)
    (loop $l
      (i64.store offset=8 (local.get $p) (local.get $v))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br_if $l (local.tee $n (i32.add (local.get $n) (i32.const -1))))))

  (func (export "load8") (param $a i32) (result i32) (i32.load8_u (local.get $a)))
  (func (export "load32") (param $a i32) (result i32) (i32.load (local.get $a)))

  ;; p[i - 1] + p[i]: a negative constant in the group
  (func (export "pairs") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $s i32) (local $a i32)
    (local.set $i (i32.const 1))
    (loop $l
      (local.set $a (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))
      (local.set $s (i32.add (local.get $s)
        (i32.add (i32.load offset=0 (i32.sub (local.get $a) (i32.const 4)))
                 (i32.load (local.get $a)))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                        (local.get $n))))
    (local.get $s))

  ;; y[i] += a * x[i] on f64, two elements an iteration, x and y apart;
  ;; returns the induction variable's value after the loop
  (func (export "axpy") (param $x i32) (param $y i32) (param $n i32) (param $a f64)
    (result i32)
    (local $i i32) (local $o i32)
    (loop $l
      (local.set $o (i32.shl (local.get $i) (i32.const 3)))
      (f64.store (i32.add (local.get $y) (local.get $o))
        (f64.add (f64.load (i32.add (local.get $y) (local.get $o)))
                 (f64.mul (local.get $a) (f64.load (i32.add (local.get $x) (local.get $o))))))
      (f64.store offset=8 (i32.add (local.get $y) (local.get $o))
        (f64.add (f64.load offset=8 (i32.add (local.get $y) (local.get $o)))
                 (f64.mul (local.get $a) (f64.load offset=8 (i32.add (local.get $x) (local.get $o))))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 2)))
                        (local.get $n))))
    (local.get $i))
  (func (export "f64at") (param $a i32) (result f64) (f64.load (local.get $a)))
  (func (export "f64set") (param $a i32) (param $v f64) (f64.store (local.get $a) (local.get $v)))

  ;; the same address every iteration: stride 0
  (func (export "same") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load16_u offset=2 (local.get $p))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                        (local.get $n))))
    (local.get $s))

  ;; a step of 2 towards an odd limit passes it: the count has no end, the
  ;; addresses grow until one is out of bounds
  (func (export "overshoot") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 2)))
                        (local.get $n))))
    (local.get $s))

  ;; tests other than !=: i < n (unsigned), from 0; one iteration at least
  (func (export "sum_lt") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                          (local.get $n))))
    (local.get $s))

  ;; lo <= i < hi, signed: bytes p + i
  (func (export "bytes_lt_s") (param $p i32) (param $lo i32) (param $hi i32) (result i32)
    (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load8_u (i32.add (local.get $p) (local.get $lo)))))
      (br_if $l (i32.lt_s (local.tee $lo (i32.add (local.get $lo) (i32.const 1)))
                          (local.get $hi))))
    (local.get $s))

  ;; p[n], p[n - 1], ... while the count, less one, stays above stop
  (func (export "sum_gt") (param $p i32) (param $n i32) (param $stop i32) (result i32)
    (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))))
      (br_if $l (i32.gt_u (local.tee $n (i32.sub (local.get $n) (i32.const 1)))
                          (local.get $stop))))
    (local.get $s))

  ;; the same down to stop itself, signed
  (func (export "sum_ge_s") (param $p i32) (param $n i32) (param $stop i32) (result i32)
    (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))))
      (br_if $l (i32.ge_s (local.tee $n (i32.sub (local.get $n) (i32.const 1)))
                          (local.get $stop))))
    (local.get $s))

  ;; i <= 0xffffffff always holds: the count has no end
  (func (export "le_max") (param $p i32) (result i32)
    (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
      (br_if $l (i32.le_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                          (i32.const -1))))
    (local.get $s))

;; offsets of 60 and 4000 in one group: in mask mode the first stays
  ;; outside the copy's mask (60 + 4 bytes fit the slack), the second goes in
  (func (export "far") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $a i32) (local $s i32)
    (loop $l
      (local.set $a (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))
      (local.set $s (i32.add (local.get $s)
        (i32.add (i32.load offset=60 (local.get $a))
                 (i32.load offset=4000 (local.get $a)))))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                        (local.get $n))))
    (local.get $s))

  (data (i32.const 0) "\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00\05\00\00\00")
  (data (i32.const 60) "\0a\00\00\00\14\00\00\00\1e\00\00\00")
  (data (i32.const 4000) "\01\00\00\00\02\00\00\00\03\00\00\00")
  (data (i32.const 65528) "\07\00\00\00\08\00\00\00")
)

;; in bounds: the unchecked copy
(assert_return (invoke "sum" (i32.const 0) (i32.const 5)) (i32.const 15))
(assert_return (invoke "sum" (i32.const 4) (i32.const 1)) (i32.const 2))
(assert_return (invoke "sum" (i32.const 65528) (i32.const 2)) (i32.const 15))
;; the last access ends past the memory: checked, traps there
(assert_trap (invoke "sum" (i32.const 65532) (i32.const 2)) "out of bounds memory access")
(assert_trap (invoke "sum" (i32.const 65536) (i32.const 1)) "out of bounds memory access")
(assert_trap (invoke "sum" (i32.const 0xfffffffc) (i32.const 2)) "out of bounds memory access")
;; the count runs past 2^32 / 4 elements: out of bounds long before
(assert_trap (invoke "sum" (i32.const 0) (i32.const 0)) "out of bounds memory access")

(assert_return (invoke "sum_down" (i32.const 0) (i32.const 5)) (i32.const 15))
(assert_return (invoke "sum_down" (i32.const 8) (i32.const 1)) (i32.const 3))
(assert_return (invoke "sum_down" (i32.const 65528) (i32.const 2)) (i32.const 15))
(assert_trap (invoke "sum_down" (i32.const 65532) (i32.const 2)) "out of bounds memory access")
;; p + 4 * (n - 1) wraps to 0 first: out of bounds
(assert_trap (invoke "sum_down" (i32.const 0xfffffffc) (i32.const 2)) "out of bounds memory access")

(assert_return (invoke "fill" (i32.const 1024) (i32.const 4) (i32.const 9)))
(assert_return (invoke "sum" (i32.const 1024) (i32.const 4)) (i32.const 36))

(assert_return (invoke "fill_ptr" (i32.const 2040) (i32.const 3) (i64.const 0x0101010101010101)))
(assert_return (invoke "load8" (i32.const 2047)) (i32.const 0))
(assert_return (invoke "load8" (i32.const 2048)) (i32.const 1))
(assert_return (invoke "load8" (i32.const 2071)) (i32.const 1))
(assert_return (invoke "load8" (i32.const 2072)) (i32.const 0))

(assert_return (invoke "pairs" (i32.const 0) (i32.const 5)) (i32.const 24))
;; p - 4 wraps below 0: the first access is out of bounds
(assert_trap (invoke "pairs" (i32.const 0xfffffffc) (i32.const 3)) "out of bounds memory access")

(assert_return (invoke "f64set" (i32.const 4096) (f64.const 1.5)))
(assert_return (invoke "f64set" (i32.const 4104) (f64.const 2.5)))
(assert_return (invoke "f64set" (i32.const 4112) (f64.const -1)))
(assert_return (invoke "f64set" (i32.const 4120) (f64.const 4)))
(assert_return (invoke "axpy" (i32.const 4096) (i32.const 8192) (i32.const 4) (f64.const 2)) (i32.const 4))
(assert_return (invoke "f64at" (i32.const 8192)) (f64.const 3))
(assert_return (invoke "f64at" (i32.const 8200)) (f64.const 5))
(assert_return (invoke "f64at" (i32.const 8208)) (f64.const -2))
(assert_return (invoke "f64at" (i32.const 8216)) (f64.const 8))
;; overlapping x and y, one element apart: in order, as written
(assert_return (invoke "axpy" (i32.const 4096) (i32.const 4104) (i32.const 2) (f64.const 1)) (i32.const 2))
(assert_return (invoke "f64at" (i32.const 4104)) (f64.const 4))
(assert_return (invoke "f64at" (i32.const 4112)) (f64.const 3))

(assert_return (invoke "same" (i32.const 0) (i32.const 3)) (i32.const 0))
(assert_return (invoke "same" (i32.const 2) (i32.const 3)) (i32.const 6))
(assert_trap (invoke "same" (i32.const 65533) (i32.const 3)) "out of bounds memory access")

(assert_trap (invoke "overshoot" (i32.const 0) (i32.const 7)) "out of bounds memory access")
(assert_return (invoke "overshoot" (i32.const 0) (i32.const 8)) (i32.const 3))

(assert_return (invoke "sum_lt" (i32.const 0) (i32.const 5)) (i32.const 15))
(assert_return (invoke "sum_lt" (i32.const 0) (i32.const 0)) (i32.const 1))
(assert_return (invoke "sum_lt" (i32.const 65528) (i32.const 2)) (i32.const 15))
(assert_trap (invoke "sum_lt" (i32.const 65532) (i32.const 2)) "out of bounds memory access")
;; the count would pass 2^32: out of bounds first
(assert_trap (invoke "sum_lt" (i32.const 0) (i32.const -1)) "out of bounds memory access")

(assert_return (invoke "bytes_lt_s" (i32.const 3) (i32.const -3) (i32.const 2)) (i32.const 3))
(assert_return (invoke "bytes_lt_s" (i32.const 3) (i32.const -3) (i32.const -1)) (i32.const 1))
(assert_return (invoke "bytes_lt_s" (i32.const 0) (i32.const 4) (i32.const -5)) (i32.const 2))
(assert_trap (invoke "bytes_lt_s" (i32.const 65530) (i32.const 0) (i32.const 7)) "out of bounds memory access")

(assert_return (invoke "sum_gt" (i32.const 0) (i32.const 4) (i32.const 0)) (i32.const 14))
(assert_return (invoke "sum_gt" (i32.const 0) (i32.const 4) (i32.const 4)) (i32.const 5))
(assert_return (invoke "sum_gt" (i32.const 0) (i32.const 4) (i32.const -1)) (i32.const 5))
(assert_return (invoke "sum_gt" (i32.const 65520) (i32.const 3) (i32.const 1)) (i32.const 15))
(assert_return (invoke "sum_gt" (i32.const 65520) (i32.const 2) (i32.const 0)) (i32.const 7))
(assert_trap (invoke "sum_gt" (i32.const 65524) (i32.const 3) (i32.const 1)) "out of bounds memory access")

(assert_return (invoke "sum_ge_s" (i32.const 0) (i32.const 4) (i32.const 0)) (i32.const 15))
(assert_return (invoke "sum_ge_s" (i32.const 4) (i32.const 3) (i32.const -1)) (i32.const 15))
;; down to p - 4: wraps below 0
(assert_trap (invoke "sum_ge_s" (i32.const 0) (i32.const 4) (i32.const -1)) "out of bounds memory access")

(assert_trap (invoke "le_max" (i32.const 0)) "out of bounds memory access")

(assert_return (invoke "far" (i32.const 0) (i32.const 3)) (i32.const 66))
(assert_return (invoke "far" (i32.const 61528) (i32.const 2)) (i32.const 15))
(assert_trap (invoke "far" (i32.const 61528) (i32.const 3)) "out of bounds memory access")

;; last: stores before this trap stay in check mode, and may in guard mode
(assert_trap (invoke "axpy" (i32.const 4096) (i32.const 65520) (i32.const 4) (f64.const 1)) "out of bounds memory access")
