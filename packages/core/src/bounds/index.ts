export { donskerVaradhan } from './donsker-varadhan.js';
export { infoNce, infoNceCeiling, infoNceTerms } from './infonce.js';
export { jensenShannon } from './jensen-shannon.js';
export { logMeanExp } from './log-mean-exp.js';
export { nwj } from './nwj.js';
export { smile } from './smile.js';
