import { sabotageSuite } from './probe-catches-sabotage.shared';

// Live re-renders write real names into masked nodes; masking one task late lets a frame show them. (A new
// src written into a masked avatar cannot show: the artwork is drawn over it whatever its source.)
sabotageSuite('mask-one-task-late', ['display-name']);
