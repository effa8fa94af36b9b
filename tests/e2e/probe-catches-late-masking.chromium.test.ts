import { sabotageSuite } from './probe-catches-sabotage.shared';

// Live re-renders write real names and avatars into masked nodes; masking one task late lets a frame show them.
sabotageSuite('mask-one-task-late', ['display-name', 'avatar']);
