import { sabotageSuite } from './probe-catches-sabotage.shared';

// Marked avatars whose artwork is not drawn show the real picture: the probe reads what is painted, not the mark.
sabotageSuite('avatars-not-drawn', ['avatar']);
