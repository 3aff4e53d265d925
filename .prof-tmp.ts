import { loadCatalogSync } from './src/core/iam/catalog';
import { parsePolicy } from './src/core/iam/parse';
import { validatePolicy } from './src/core/iam/validate';
const c = loadCatalogSync();
const st = []; for (let i=0;i<1500;i++) st.push(i%2? { Effect:'Allow', Action:['ec2:StartInstances','ec2:StopInstances'], Resource:`arn:aws:ec2:us-east-1:123456789012:instance/i-${i}` } : { Effect:'Allow', Action:['s3:GetObject'], Resource:`arn:aws:s3:::b-${i}/*` });
const t = JSON.stringify({Version:'2012-10-17', Statement: st});
validatePolicy(parsePolicy(t), c);
const s = performance.now(); validatePolicy(parsePolicy(t), c); console.log(performance.now()-s);
