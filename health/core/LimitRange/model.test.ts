import { describeModel } from '../../fixtures';
import { MODEL } from './model';

describeModel(__dirname, MODEL);
