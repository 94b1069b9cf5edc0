/**
 * What React Flow needs of a browser that jsdom lacks (its documented test set-up): sizes
 * for measured nodes, a ResizeObserver, DOMMatrixReadOnly for the zoom.
 */
class ResizeObserverStub {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback([{ target } as unknown as ResizeObserverEntry], this as any);
  }
  unobserve() {}
  disconnect() {}
}

class DOMMatrixReadOnlyStub {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([1-9.])\)/)?.[1];
    this.m22 = scale !== undefined ? Number(scale) : 1;
  }
}

let installed = false;

export function mockReactFlow() {
  if (installed) return;
  installed = true;
  (global as any).ResizeObserver = ResizeObserverStub;
  (global as any).DOMMatrixReadOnly = DOMMatrixReadOnlyStub;
  Object.defineProperties(global.HTMLElement.prototype, {
    offsetHeight: {
      get() {
        return parseFloat(this.style.height) || 100;
      },
    },
    offsetWidth: {
      get() {
        return parseFloat(this.style.width) || 200;
      },
    },
  });
  (global.SVGElement.prototype as any).getBBox = () => ({ x: 0, y: 0, width: 0, height: 0 });
}
