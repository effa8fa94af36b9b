import { sabotageSuite } from './probe-catches-sabotage.shared';

sabotageSuite('names-rule-removed', ['display-name']);
