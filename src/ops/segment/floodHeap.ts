/**
 * Binary min-heap of (value, age, index), ordered by value then age; push sifts up and pop moves
 * the last item to the root and sifts down, as skimage's `heap_general.pxi`.
 */
export class FloodHeap {
  value = new Float64Array(1024);
  age = new Float64Array(1024);
  index = new Int32Array(1024);
  size = 0;
  private less(a: number, b: number): boolean {
    return this.value[a] < this.value[b] || (this.value[a] === this.value[b] && this.age[a] < this.age[b]);
  }
  private swap(a: number, b: number): void {
    const v = this.value[a], g = this.age[a], i = this.index[a];
    this.value[a] = this.value[b]; this.age[a] = this.age[b]; this.index[a] = this.index[b];
    this.value[b] = v; this.age[b] = g; this.index[b] = i;
  }
  push(value: number, age: number, index: number): void {
    if (this.size === this.value.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.value = grow(this.value, (n) => new Float64Array(n));
      this.age = grow(this.age, (n) => new Float64Array(n));
      this.index = grow(this.index, (n) => new Int32Array(n));
    }
    let c = this.size++;
    this.value[c] = value;
    this.age[c] = age;
    this.index[c] = index;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (!this.less(c, p)) break;
      this.swap(c, p);
      c = p;
    }
  }
  /** Removes the smallest element and returns its index field. */
  pop(): number {
    const top = this.index[0];
    this.size--;
    if (this.size > 0) {
      this.value[0] = this.value[this.size];
      this.age[0] = this.age[this.size];
      this.index[0] = this.index[this.size];
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        const r = l + 1;
        let m = c;
        if (l < this.size && this.less(l, m)) m = l;
        if (r < this.size && this.less(r, m)) m = r;
        if (m === c) break;
        this.swap(c, m);
        c = m;
      }
    }
    return top;
  }
}
